package dev.ocisc.rebuild;

import dev.ocisc.diff.Drift;
import dev.ocisc.diff.HtmlReport;
import dev.ocisc.html.Html;
import dev.ocisc.html.HtmlPage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * {@code verify nix} as a page: one row per derivation with its status, linked to the drift between its output
 * and the kept {@code .check} copy, which follows in full. A reason comes from nix's output and goes through
 * {@link Html}.
 */
public final class NixCheckHtmlReport implements NixCheckReport {
    @Override
    public void write(List<NixCheck.Outcome> outcomes, OutputStream out) throws IOException {
        int[] counts = new int[NixCheck.Status.values().length];
        outcomes.forEach(o -> counts[o.status().ordinal()]++);
        boolean ok = NixCheck.reproducible(outcomes);
        StringBuilder sb = new StringBuilder("<h1>ocisc verify nix</h1>\n<div class=\"verdict ")
                .append(ok ? "pass" : "fail").append("\">").append(counts[0]).append(" reproducible, ")
                .append(counts[1]).append(" not reproducible, ").append(counts[2]).append(" not checked</div>\n")
                .append("<div class=\"toolbar\"><input type=\"search\" placeholder=\"filter\" data-filter=\"drvs\" "
                        + "aria-label=\"filter the derivations\"><span class=\"muted\" data-count-for=\"drvs\">"
                        + "</span></div>\n<table id=\"drvs\"><thead><tr><th data-sort>status</th><th data-sort>"
                        + "derivation</th><th>reason</th><th>drift</th></tr></thead><tbody>\n");
        for (int i = 0; i < outcomes.size(); i++) {
            NixCheck.Outcome o = outcomes.get(i);
            String cls = switch (o.status()) {
                case REPRODUCIBLE -> "pass";
                case NOT_REPRODUCIBLE -> "fail";
                case NOT_CHECKED -> "warn";
            };
            sb.append("<tr><td><span class=\"badge ").append(cls).append("\">").append(NixCheckReport.label(o.status()))
                    .append("</span></td><td class=\"mono\">").append(Html.text(o.derivation())).append("</td><td>")
                    .append(Html.text(o.reason())).append("</td><td>");
            for (int j = 0; j < o.drifts().size(); j++) {
                sb.append(j == 0 ? "" : " ").append("<a href=\"#drv-").append(i + 1).append('-').append(j + 1)
                        .append("\">").append(o.drifts().get(j).verdict()).append("</a>");
            }
            sb.append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
        for (int i = 0; i < outcomes.size(); i++) {
            NixCheck.Outcome o = outcomes.get(i);
            for (int j = 0; j < o.drifts().size(); j++) {
                Drift d = o.drifts().get(j);
                String id = "drv-" + (i + 1) + "-" + (j + 1);
                sb.append("<section class=\"derivation\" id=\"").append(id).append("\">\n<h2 class=\"mono\">")
                        .append(Html.text(o.derivation())).append("</h2>\n");
                HtmlReport.body(sb, d, id + "-");
                sb.append("</section>\n");
            }
        }
        new HtmlPage("ocisc verify nix").markup(sb).writeTo(out);
    }
}
