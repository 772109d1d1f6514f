package dev.ocisc.attest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.diff.ReportFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** attest verify -f html: the verdict, each failed attestation escaped, the same bytes every time. */
class AttestHtmlReportTest {
    static byte[] write(AttestReport r) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AttestReportWriter.forFormat(ReportFormat.HTML).write(r, out);
        return out.toByteArray();
    }

    @Test
    void failuresAreRowsOfEscapedText() throws Exception {
        AttestReport r = new AttestReport("a<b>.jsonl", true, null, null,
                List.of("line 1: signature: <img src=x onerror=alert(1)>\u001b[2J"));
        assertInstanceOf(AttestHtmlReport.class, AttestReportWriter.forFormat(ReportFormat.HTML));
        String html = new String(write(r), StandardCharsets.UTF_8);
        assertTrue(html.contains("<div class=\"verdict fail\">fail</div>"), html);
        assertTrue(html.contains("<td class=\"mono\">line 1: signature: &lt;img src=x onerror=alert(1)&gt;\\x1b[2J</td>"),
                html);
        assertFalse(html.contains("<img") || html.contains("<b>") || html.contains("\u001b"), html);
        assertArrayEquals(write(r), write(r));
    }
}
