package dev.ocisc.rebuild;

import dev.ocisc.diff.Drift;
import dev.ocisc.diff.ReportFormat;
import dev.ocisc.diff.ReportWriter;
import dev.ocisc.text.ReportText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The human report of {@code verify nix}: one line per derivation, a summary, then each drift's report. A reason
 * comes from nix's output and goes through {@link ReportText}.
 */
public final class NixCheckTextReport implements NixCheckReport {
    @Override
    public void write(List<NixCheck.Outcome> outcomes, OutputStream out) throws IOException {
        write(outcomes, out, false);
    }

    /** The text report, or its Markdown form: the same lines, as a list under a heading. */
    static void write(List<NixCheck.Outcome> outcomes, OutputStream out, boolean markdown) throws IOException {
        StringBuilder sb = new StringBuilder(markdown ? "## ocisc verify nix\n\n" : "");
        int[] counts = new int[NixCheck.Status.values().length];
        for (NixCheck.Outcome o : outcomes) {
            counts[o.status().ordinal()]++;
            String label = NixCheckReport.label(o.status());
            sb.append(markdown ? "- **" + label + "** `" + o.derivation() + "`"
                    : String.format("%-17s %s", label, o.derivation()));
            sb.append(o.reason().isEmpty() ? "" : " (" + ReportText.line(o.reason()) + ")").append('\n');
        }
        sb.append(markdown ? "\n" : "").append("summary: ").append(counts[0]).append(" reproducible, ")
                .append(counts[1]).append(" not reproducible, ").append(counts[2]).append(" not checked\n");
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        ReportWriter drift = ReportWriter.forFormat(markdown ? ReportFormat.MARKDOWN : ReportFormat.TEXT);
        for (NixCheck.Outcome o : outcomes) {
            for (Drift d : o.drifts()) {
                out.write(("\n" + (markdown ? "" : "== ") + o.derivation() + "\n").getBytes(StandardCharsets.UTF_8));
                drift.write(d, out);
            }
        }
    }
}
