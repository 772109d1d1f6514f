package dev.ocisc.diff;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a {@link Drift} in one format. Output is a function of the drift alone: same drift, same bytes. */
public interface ReportWriter {
    void write(Drift drift, OutputStream out) throws IOException;

    static ReportWriter forFormat(ReportFormat format) {
        return switch (format) {
            case TEXT -> new TextReport();
            case JSON -> new JsonReport();
            case MARKDOWN -> new MarkdownReport();
            case HTML -> new HtmlReport();
        };
    }
}
