package dev.ocisc.rebuild;

import dev.ocisc.diff.DriftClass;
import dev.ocisc.diff.ReportFormat;
import dev.ocisc.diff.ReportWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

/** The human report of a rebuild: verdict, one line per run, the causes of a bisect, then each drift's report. */
public final class RebuildTextReport implements RebuildReport {
    @Override
    public void write(Rebuild.Result r, boolean bisected, OutputStream out) throws IOException {
        write(r, bisected, out, false);
    }

    /** The text report, or its Markdown form: the same lines, as a list under headings. */
    static void write(Rebuild.Result r, boolean bisected, OutputStream out, boolean markdown) throws IOException {
        StringBuilder sb = new StringBuilder(markdown ? "## ocisc verify rebuild\n\n" : "");
        sb.append("verdict: ").append(r.reproducible() ? "reproducible" : "not reproducible").append('\n');
        sb.append("control artifact: ").append(r.controlDigest()).append('\n');
        for (Rebuild.Comparison c : r.comparisons()) {
            // A control run compared with the first varies nothing: it repeats the control.
            String run = c.setting().label().equals("control") ? "run repeating the control"
                    : "run varying " + c.setting().label();
            sb.append(markdown ? "- " : "").append(run).append(": ")
                    .append(c.drift().clean() ? "same" : "drift (" + ids(c.drift().classes().keySet()) + ")")
                    .append('\n');
        }
        if (bisected && !r.causes().isEmpty()) {
            sb.append(markdown ? "\n### causes\n\n" : "\ncauses:\n");
            r.causes().forEach((v, classes) -> sb.append(markdown ? "- " : "  ").append(v.equals("control")
                    ? "no variation (the build is non-deterministic by itself)" : v).append(" -> ")
                    .append(ids(classes)).append('\n'));
        }
        r.notApplied().forEach((v, why) -> sb.append("not applied: ").append(v.id()).append(" (").append(why)
                .append(")\n"));
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        ReportWriter drift = ReportWriter.forFormat(markdown ? ReportFormat.MARKDOWN : ReportFormat.TEXT);
        for (Rebuild.Comparison c : r.comparisons()) {
            if (!c.drift().clean()) {
                out.write(("\n" + (markdown ? "### " : "== ") + "control vs " + c.setting().label() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                drift.write(c.drift(), out);
            }
        }
    }

    private static String ids(Set<DriftClass> classes) {
        return classes.stream().map(DriftClass::id).collect(Collectors.joining(", "));
    }
}
