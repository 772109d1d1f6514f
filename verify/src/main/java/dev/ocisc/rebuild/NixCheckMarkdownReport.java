package dev.ocisc.rebuild;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** The text report of {@code verify nix} as Markdown, for a CI summary or a pull-request comment. */
public final class NixCheckMarkdownReport implements NixCheckReport {
    @Override
    public void write(List<NixCheck.Outcome> outcomes, OutputStream out) throws IOException {
        NixCheckTextReport.write(outcomes, out, true);
    }
}
