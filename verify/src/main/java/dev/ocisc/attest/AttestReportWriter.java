package dev.ocisc.attest;

import dev.ocisc.diff.ReportFormat;
import java.io.IOException;
import java.io.OutputStream;

/** Writes an {@link AttestReport} in one format; the same report gives the same bytes. */
public interface AttestReportWriter {
    void write(AttestReport report, OutputStream out) throws IOException;

    static AttestReportWriter forFormat(ReportFormat format) {
        return switch (format) {
            case TEXT -> new AttestTextReport();
            case JSON -> new AttestJsonReport();
            case MARKDOWN -> new AttestMarkdownReport();
            case HTML -> new AttestHtmlReport();
        };
    }
}
