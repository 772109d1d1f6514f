package dev.ocisc.rebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.diff.Drift;
import dev.ocisc.diff.DriftClass;
import dev.ocisc.diff.Finding;
import dev.ocisc.diff.ReportFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The reports of {@code verify rebuild}, written from a result made by hand: no build is run. */
class RebuildReportTest {
    static final Drift.Side A = new Drift.Side("a/artifact.tar", "tar", "aa", "", 2);
    static final Drift.Side B = new Drift.Side("b/artifact.tar", "tar", "bb", "", 2);
    static final Drift SAME = new Drift(A, A, true, List.of(), List.of(), new TreeMap<>());
    static final Drift MODES = new Drift(A, B, false,
            List.of(new Finding(DriftClass.PERMISSIONS, "data.txt", "mode", "0644", "0664", null)),
            List.of(), new TreeMap<>());

    static final Rebuild.Result RESULT = new Rebuild.Result("sha256:aa", List.of(
            new Rebuild.Comparison(new RunSetting("control", 0, Set.of()), "sha256:aa", SAME),
            new Rebuild.Comparison(new RunSetting("umask", 1, Set.of(Variation.UMASK)), "sha256:bb", MODES)),
            Map.of(Variation.TIME, "faketime is not installed"));

    static String write(ReportFormat format, boolean bisected) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        RebuildReport.forFormat(format).write(RESULT, bisected, buf);
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void oneWriterPerFormat() {
        assertInstanceOf(RebuildTextReport.class, RebuildReport.forFormat(ReportFormat.TEXT));
        assertInstanceOf(RebuildJsonReport.class, RebuildReport.forFormat(ReportFormat.JSON));
        assertInstanceOf(RebuildMarkdownReport.class, RebuildReport.forFormat(ReportFormat.MARKDOWN));
        assertInstanceOf(RebuildHtmlReport.class, RebuildReport.forFormat(ReportFormat.HTML));
    }

    @Test
    void textGivesTheVerdictEachRunAndEachDriftsReport() throws IOException {
        String text = write(ReportFormat.TEXT, false);
        assertTrue(text.startsWith("""
                verdict: not reproducible
                control artifact: sha256:aa
                run repeating the control: same
                run varying umask: drift (permissions)
                not applied: time (faketime is not installed)

                == control vs umask
                A: a/artifact.tar (tar, sha256:aa"""), text);
        assertFalse(text.contains("causes"), text);
    }

    @Test
    void causesAreNamedOnlyForABisect() throws IOException {
        assertTrue(write(ReportFormat.TEXT, true).contains("\ncauses:\n  umask -> permissions\n"));
        assertTrue(write(ReportFormat.MARKDOWN, true).contains("\n### causes\n\n- umask -> permissions\n"));
    }

    @Test
    void markdownIsTheSameReportAsAList() throws IOException {
        String md = write(ReportFormat.MARKDOWN, false);
        assertTrue(md.startsWith("## ocisc verify rebuild\n\nverdict: not reproducible\n"), md);
        assertTrue(md.contains("\n- run varying umask: drift (permissions)\n"), md);
        assertTrue(md.contains("\n### control vs umask\n"), md);
    }

    @Test
    void jsonHasEveryRunItsDriftAndTheCauses() throws IOException {
        String json = write(ReportFormat.JSON, false);
        assertTrue(json.endsWith("}\n"), json);
        JsonNode n = new ObjectMapper().readTree(json);
        assertEquals("https://ocisc.dev/schemas/verify-rebuild/v1", n.get("schema").asText());
        assertEquals("not-reproducible", n.get("verdict").asText());
        assertEquals("sha256:aa", n.get("control_digest").asText());
        assertEquals(2, n.get("runs").size());
        assertEquals("umask", n.get("runs").get(1).get("varied").asText());
        assertEquals("sha256:bb", n.get("runs").get(1).get("digest").asText());
        assertTrue(n.get("runs").get(1).has("drift"));
        assertEquals("permissions", n.get("causes").get("umask").get(0).asText());
        assertEquals("faketime is not installed", n.get("not_applied").get("time").asText());
    }

    @Test
    void htmlLinksEachRunToItsDrift() throws IOException {
        String html = write(ReportFormat.HTML, true);
        assertTrue(html.contains("<a class=\"badge fail\" href=\"#run-2\">drift (permissions)</a>"), html);
        assertTrue(html.contains("<section class=\"run\" id=\"run-2\">"), html);
        assertTrue(html.contains("<tr id=\"run-2-f-1\">"), html);
        assertTrue(html.contains("umask &rarr; permissions"), html);
    }

    @Test
    void sameResultSameBytes() throws IOException {
        for (ReportFormat f : ReportFormat.values()) {
            assertEquals(write(f, true), write(f, true), f::toString);
        }
    }
}
