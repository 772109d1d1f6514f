package dev.ocisc.diff;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a {@link Drift} in one format. Output is a function of the drift alone: same drift, same bytes. */
public interface ReportWriter {
    void write(Drift drift, OutputStream out) throws IOException;

    static ReportWriter forFormat(String format) {
        return switch (format) {
            case "text" -> new TextReport();
            case "json" -> new JsonReport();
            case "markdown", "md" -> new MarkdownReport();
            default -> throw new IllegalArgumentException("unknown format '" + format + "' (text, json, markdown)");
        };
    }
}
