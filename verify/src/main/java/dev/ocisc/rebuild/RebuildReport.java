package dev.ocisc.rebuild;

import dev.ocisc.diff.ReportFormat;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the result of a {@code verify rebuild} in one format. Output is a function of its arguments alone: same
 * result, same bytes.
 */
public interface RebuildReport {
    /** @param bisected whether the runs varied one property at a time, so that causes can be named */
    void write(Rebuild.Result result, boolean bisected, OutputStream out) throws IOException;

    static RebuildReport forFormat(ReportFormat format) {
        return switch (format) {
            case TEXT -> new RebuildTextReport();
            case JSON -> new RebuildJsonReport();
            case MARKDOWN -> new RebuildMarkdownReport();
            case HTML -> new RebuildHtmlReport();
        };
    }
}
