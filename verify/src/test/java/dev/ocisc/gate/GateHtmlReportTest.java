package dev.ocisc.gate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.diff.ReportFormat;
import dev.ocisc.testing.Browser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate's HTML report: checks linked to their evidence, input text escaped, usable in chromium. */
class GateHtmlReportTest {
    static final String HOSTILE = "<img src=x onerror=alert(1)>\u001b[2J\u202e";

    @TempDir
    Path dir;

    static GateReport report() {
        return new GateReport("img" + HOSTILE, "oci-layout", "sha256:00", List.of(
                new Check("sbom", false, "2 declared, 2 found in the image; 1 declared but absent, 1 present but "
                        + "undeclared", List.of("declared but absent: libgone@1.0",
                                "present but undeclared: " + HOSTILE + "@2")),
                new Check("licenses", true, "no forbidden license (GPL-3.0-only)", List.of()),
                new Check("signature", true, "signed by key abc", List.of()),
                new Check("subject", false, "no subject is this image", List.of("image digest sha256:00"))));
    }

    static String html(GateReport r) {
        return new String(GateReportWriter.render(ReportFormat.HTML, r), StandardCharsets.UTF_8);
    }

    @Test
    void eachCheckLinksToItsEvidence() {
        String html = html(report());
        for (String id : List.of("sbom", "licenses", "signature", "subject")) {
            assertTrue(html.contains("<a href=\"#check-" + id + "\">" + id + "</a>"), id);
            assertTrue(html.contains("<section class=\"check\" id=\"check-" + id + "\">"), id);
        }
        assertTrue(html.contains("<div class=\"verdict fail\">fail</div>"), html);
        assertFalse(html.contains("<img"));
        assertFalse(html.contains("\u001b") || html.contains("\u202e"), "control characters are escaped");
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;\\x1b[2J\\u202e@2"), html);
    }

    @Test
    void anchorsAreSafeAndUnique() {
        List<Check> checks = List.of(new Check("a b\"<", true, "", List.of()), new Check("a-b--", true, "", List.of()),
                new Check("sbom", true, "", List.of()));
        assertEquals(List.of("check-a-b--", "check-a-b---2", "check-sbom"), GateHtmlReport.anchors(checks));
    }

    @Test
    void sameReportSameBytesAndEvidenceIsCapped() {
        assertArrayEquals(GateReportWriter.render(ReportFormat.HTML, report()),
                GateReportWriter.render(ReportFormat.HTML, report()));
        List<String> items = new ArrayList<>();
        for (int i = 0; i < GateHtmlReport.MAX_ITEMS + 4; i++) {
            items.add(String.format("present but undeclared: p%05d@1", i));
        }
        String html = html(new GateReport("i", "oci-layout", "sha256:00", List.of(new Check("sbom", false, "s",
                items))));
        assertEquals(GateHtmlReport.MAX_ITEMS, html.split("present but undeclared: p", -1).length - 1);
        assertTrue(html.contains("4 more are not shown here"), "says how many it left out");
    }

    @Test
    void loadsCleanInChromiumAndItsSearchFiltersTheEvidence() throws Exception {
        Path f = dir.resolve("gate.html");
        Files.write(f, GateReportWriter.render(ReportFormat.HTML, report()));
        Browser.Page p = Browser.load(f, "verify-image-hostile", List.of("#checks tbody tr", "section.check",
                "#check-sbom-items tbody tr", "img"),
                List.of(new Browser.Search("input[data-filter=check-sbom-items]", "undeclared",
                        "#check-sbom-items tbody tr"))).assertClean();
        assertEquals(4, p.count("#checks tbody tr"));
        assertEquals(4, p.count("section.check"));
        assertEquals(2, p.count("#check-sbom-items tbody tr"));
        assertEquals(0, p.count("img"));
        assertEquals(List.of(1), p.searchVisible());
    }
}
