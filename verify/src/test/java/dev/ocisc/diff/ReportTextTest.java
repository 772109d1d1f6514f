package dev.ocisc.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.gate.Check;
import dev.ocisc.gate.GateReport;
import dev.ocisc.gate.GateReportWriter;
import dev.ocisc.text.ReportText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text from inputs cannot drive a terminal or break a report's lines; JSON keeps it exact. */
class ReportTextTest {
    /** ESC, BEL, CR, LF, TAB, DEL, a C1 CSI, a line separator and a right-to-left override. */
    static final String HOSTILE = "a\u001b[2J\u0007b\rc\nd\te\u007f\u009b1m\u2028\u202eevil";

    @Test
    void lineEscapesEveryControlCharacter() {
        assertEquals("a\\x1b[2J\\x07b\\rc\\nd\\te\\x7f\\u009b1m\\u2028\\u202eevil", ReportText.line(HOSTILE));
        assertEquals("a\\x1b[2J\\x07b\\rc\nd\te\\x7f\\u009b1m\\u2028\\u202eevil", ReportText.block(HOSTILE));
        assertEquals("`a'b\\nc`", ReportText.code("a`b\nc"));
        String plain = "grüße/日本 \\ ok";
        assertSame(plain, ReportText.line(plain));
    }

    @Test
    void gateReportsShowValuesEscapedAndJsonExact() throws Exception {
        GateReport r = new GateReport("img" + HOSTILE, "oci-layout", "sha256:00",
                List.of(new Check("sbom", false, "summary " + HOSTILE, List.of("item " + HOSTILE))));
        for (ReportFormat f : List.of(ReportFormat.TEXT, ReportFormat.MARKDOWN)) {
            String out = new String(GateReportWriter.render(f, r), StandardCharsets.UTF_8);
            assertSafe(out);
            assertTrue(out.contains("item a\\x1b[2J"), out);
        }
        String json = new String(GateReportWriter.render(ReportFormat.JSON, r), StandardCharsets.UTF_8);
        assertEquals("item " + HOSTILE, new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)
                .at("/checks/0/items/0").asText());
    }

    /** No control character but the report's own line ends (and tabs in content, which cannot move the cursor). */
    static void assertSafe(String out) {
        for (char c : out.toCharArray()) {
            boolean control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == '\u2028'
                    || c == '\u202e';
            assertTrue(!control, "raw U+" + Integer.toHexString(c) + " in: " + out);
        }
    }
}
