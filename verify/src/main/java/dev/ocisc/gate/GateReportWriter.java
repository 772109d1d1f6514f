package dev.ocisc.gate;

import dev.ocisc.diff.ReportFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Writes a {@link GateReport} in one format, one class per format; the same report gives the same bytes. */
public interface GateReportWriter {
    void write(GateReport report, OutputStream out) throws IOException;

    static GateReportWriter forFormat(ReportFormat format) {
        return switch (format) {
            case TEXT -> new GateTextReport();
            case JSON -> new GateJsonReport();
            case MARKDOWN -> new GateMarkdownReport();
            case HTML -> new GateHtmlReport();
        };
    }

    /** The report in {@code format}, as bytes. */
    static byte[] render(ReportFormat format, GateReport r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            forFormat(format).write(r, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
