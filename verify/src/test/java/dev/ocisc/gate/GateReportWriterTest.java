package dev.ocisc.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ocisc.diff.ReportFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateReportWriterTest {
    @Test
    void oneWriterClassPerFormat() {
        Map<ReportFormat, Class<?>> expected = Map.of(ReportFormat.TEXT, GateTextReport.class,
                ReportFormat.JSON, GateJsonReport.class, ReportFormat.MARKDOWN, GateMarkdownReport.class,
                ReportFormat.HTML, GateHtmlReport.class);
        assertEquals(ReportFormat.values().length, expected.size());
        for (ReportFormat f : ReportFormat.values()) {
            assertEquals(expected.get(f), GateReportWriter.forFormat(f).getClass(), f.toString());
        }
    }
}
