package dev.ocisc.gate;

import dev.ocisc.text.ReportText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The verdict as a heading, one table row per check, each check's items folded in a {@code <details>}; values
 * from the inputs in code spans or escaped through {@link ReportText}.
 */
final class GateMarkdownReport implements GateReportWriter {
    @Override
    public void write(GateReport r, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder("## ocisc verify image: ").append(r.verdict()).append("\n\n- image: ")
                .append(ReportText.code(r.image())).append(" (").append(r.form()).append(", ")
                .append(ReportText.code(r.manifestDigest()))
                .append(")\n\n| check | result | summary |\n|---|---|---|\n");
        for (Check c : r.checks()) {
            sb.append("| ").append(c.id()).append(" | ").append(c.passed() ? "pass" : "**fail**").append(" | ")
                    .append(ReportText.line(c.summary()).replace("|", "\\|")).append(" |\n");
        }
        for (Check c : r.checks()) {
            if (!c.items().isEmpty()) {
                sb.append("\n<details><summary>").append(c.id()).append(" (").append(c.items().size())
                        .append(")</summary>\n\n");
                c.items().forEach(i -> sb.append("- ").append(ReportText.code(i)).append('\n'));
                sb.append("\n</details>\n");
            }
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
