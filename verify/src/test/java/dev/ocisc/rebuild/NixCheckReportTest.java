package dev.ocisc.rebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.diff.ReportFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reports of {@code verify nix}, written from outcomes made by hand: nix is not run. */
class NixCheckReportTest {
    static final String GOOD = "/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-good.drv";
    static final String BAD = "/nix/store/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-bad.drv";
    static final String SKIPPED = "/nix/store/cccccccccccccccccccccccccccccccc-skipped.drv";

    static final List<NixCheck.Outcome> OUTCOMES = List.of(
            new NixCheck.Outcome(GOOD, NixCheck.Status.REPRODUCIBLE, List.of(), ""),
            new NixCheck.Outcome(BAD, NixCheck.Status.NOT_REPRODUCIBLE, List.of(RebuildReportTest.MODES), ""),
            new NixCheck.Outcome(SKIPPED, NixCheck.Status.NOT_CHECKED, List.of(), "not built\u001b[2J here"));

    static String write(ReportFormat format) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        NixCheckReport.forFormat(format).write(OUTCOMES, buf);
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void oneWriterPerFormat() {
        assertInstanceOf(NixCheckTextReport.class, NixCheckReport.forFormat(ReportFormat.TEXT));
        assertInstanceOf(NixCheckJsonReport.class, NixCheckReport.forFormat(ReportFormat.JSON));
        assertInstanceOf(NixCheckMarkdownReport.class, NixCheckReport.forFormat(ReportFormat.MARKDOWN));
        assertInstanceOf(NixCheckHtmlReport.class, NixCheckReport.forFormat(ReportFormat.HTML));
    }

    @Test
    void textListsEachDerivationThenTheSummaryThenEachDrift() throws IOException {
        String text = write(ReportFormat.TEXT);
        assertTrue(text.startsWith("reproducible      " + GOOD + "\n"
                + "not reproducible  " + BAD + "\n"
                + "not checked       " + SKIPPED + " (not built\\x1b[2J here)\n"
                + "summary: 1 reproducible, 1 not reproducible, 1 not checked\n"
                + "\n== " + BAD + "\nA: a/artifact.tar (tar, sha256:aa"), text);
    }

    @Test
    void markdownIsTheSameReportAsAList() throws IOException {
        String md = write(ReportFormat.MARKDOWN);
        assertTrue(md.startsWith("## ocisc verify nix\n\n- **reproducible** `" + GOOD + "`\n"), md);
        assertTrue(md.contains("- **not checked** `" + SKIPPED + "` (not built\\x1b[2J here)\n"), md);
        assertTrue(md.contains("\n\nsummary: 1 reproducible, 1 not reproducible, 1 not checked\n\n" + BAD + "\n"), md);
    }

    @Test
    void htmlLinksEachDerivationToItsDriftWithIdsOfItsOwn() throws IOException {
        String html = write(ReportFormat.HTML);
        assertTrue(html.contains("<a href=\"#drv-2-1\">drift</a>"), html);
        assertTrue(html.contains("<section class=\"derivation\" id=\"drv-2-1\">"), html);
        assertTrue(html.contains("id=\"drv-2-1-class-permissions\""), html);
        assertTrue(html.contains("not built\\x1b[2J here"), html);
    }

    @Test
    void jsonKeepsTheExactReason() throws IOException {
        String json = write(ReportFormat.JSON);
        assertTrue(json.endsWith("}\n"), json);
        JsonNode n = new ObjectMapper().readTree(json);
        assertEquals("https://ocisc.dev/schemas/verify-nix/v1", n.get("schema").asText());
        JsonNode d = n.get("derivations");
        assertEquals(3, d.size());
        assertEquals("reproducible", d.get(0).get("status").asText());
        assertTrue(!d.get(0).has("reason"));
        assertEquals("not-reproducible", d.get(1).get("status").asText());
        assertEquals(1, d.get(1).get("drifts").size());
        assertEquals("not-checked", d.get(2).get("status").asText());
        assertEquals("not built\u001b[2J here", d.get(2).get("reason").asText());
    }
}
