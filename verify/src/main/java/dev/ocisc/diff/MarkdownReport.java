package dev.ocisc.diff;

import dev.ocisc.text.ReportText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * For CI job summaries: a verdict line, a table per class, content diffs in collapsed blocks. Values from the inputs
 * go through {@link ReportText} and into code spans, so a file name can neither start a line nor format one.
 */
public final class MarkdownReport implements ReportWriter {
    @Override
    public void write(Drift d, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder("## ocisc diff: ").append(d.verdict()).append("\n\n");
        sb.append("- A: ").append(ReportText.code(d.a().source())).append(" (").append(d.a().kind()).append(")\n");
        sb.append("- B: ").append(ReportText.code(d.b().source())).append(" (").append(d.b().kind()).append(")\n");
        if (!d.platforms().isEmpty()) {
            sb.append("\n| platform | verdict | findings | A manifest | B manifest |\n|---|---|---|---|---|\n");
            for (Drift.PlatformDiff p : d.platforms()) {
                sb.append("| ").append(cell(p.platform())).append(" | ").append(p.verdict()).append(" | ")
                        .append(p.findings()).append(" | ").append(cell(p.manifestA())).append(" | ")
                        .append(cell(p.manifestB())).append(" |\n");
            }
        }
        if (!d.ignored().isEmpty()) {
            sb.append(d.platforms().isEmpty() ? "" : "\n").append("- ignored:");
            for (Map.Entry<DriftClass, Integer> e : d.ignored().entrySet()) {
                sb.append(" ").append(e.getKey().id()).append(" (").append(e.getValue()).append(')');
            }
            sb.append('\n');
        }
        if (!d.clean()) {
            sb.append("\n| class | count | likely cause | fix |\n|---|---|---|---|\n");
            for (Map.Entry<DriftClass, Integer> e : d.classes().entrySet()) {
                DriftClass c = e.getKey();
                sb.append("| ").append(c.id()).append(" | ").append(e.getValue()).append(" | ").append(cell(c.cause()))
                        .append(" | ").append(cell(c.fix())).append(" |\n");
            }
        }
        for (DriftClass c : d.classes().keySet()) {
            sb.append("\n### ").append(c.id()).append(": ").append(c.title()).append("\n\n");
            sb.append("| path | field | A | B | note |\n|---|---|---|---|---|\n");
            for (Finding f : d.findings()) {
                if (f.drift() == c) {
                    sb.append("| ").append(cell(f.path().isEmpty() ? "(archive)" : f.path())).append(" | ")
                            .append(cell(f.field())).append(" | ").append(cell(f.a())).append(" | ")
                            .append(cell(f.b())).append(" | ").append(cell(f.note())).append(" |\n");
                }
            }
        }
        for (ContentDiff c : d.contents()) {
            sb.append("\n<details><summary>").append(html(c.path())).append(" (").append(c.kind())
                    .append(")</summary>\n\n```").append(c.kind().equals("unified") ? "diff" : "").append('\n')
                    .append(ReportText.block(c.text()).replace("```", "`\u200b``")).append("```\n\n</details>\n");
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String cell(String s) {
        return s.isEmpty() ? "" : ReportText.code(s).replace("|", "\\|");
    }

    private static String html(String s) {
        return ReportText.line(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
