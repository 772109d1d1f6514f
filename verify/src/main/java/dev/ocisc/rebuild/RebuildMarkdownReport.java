package dev.ocisc.rebuild;

import java.io.IOException;
import java.io.OutputStream;

/** The text report of a rebuild as Markdown, for a CI summary or a pull-request comment. */
public final class RebuildMarkdownReport implements RebuildReport {
    @Override
    public void write(Rebuild.Result r, boolean bisected, OutputStream out) throws IOException {
        RebuildTextReport.write(r, bisected, out, true);
    }
}
