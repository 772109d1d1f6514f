package dev.ocisc.rebuild;

import dev.ocisc.diff.DriftClass;
import dev.ocisc.diff.HtmlReport;
import dev.ocisc.html.Html;
import dev.ocisc.html.HtmlPage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The rebuild as a page: verdict, one row per run linked to its drift, the causes of a bisect, each drift. */
public final class RebuildHtmlReport implements RebuildReport {
    @Override
    public void write(Rebuild.Result r, boolean bisected, OutputStream out) throws IOException {
        String verdict = r.reproducible() ? "reproducible" : "not reproducible";
        StringBuilder sb = new StringBuilder("<h1>ocisc verify rebuild</h1>\n<div class=\"verdict ")
                .append(r.reproducible() ? "pass" : "fail").append("\">").append(verdict).append("</div>\n")
                .append("<p>control artifact: <span class=\"mono\">").append(Html.text(r.controlDigest()))
                .append("</span></p>\n<h2>Runs</h2>\n<table id=\"runs\"><thead><tr><th>run varying</th><th>result</th>"
                        + "<th>digest</th></tr></thead><tbody>\n");
        List<Rebuild.Comparison> cs = r.comparisons();
        for (int i = 0; i < cs.size(); i++) {
            Rebuild.Comparison c = cs.get(i);
            sb.append("<tr><td>").append(Html.text(c.setting().label())).append("</td><td>");
            if (c.drift().clean()) {
                sb.append("<span class=\"badge pass\">same</span>");
            } else {
                sb.append("<a class=\"badge fail\" href=\"#run-").append(i + 1).append("\">drift (")
                        .append(ids(c.drift().classes().keySet())).append(")</a>");
            }
            sb.append("</td><td class=\"mono\">").append(Html.text(c.digest())).append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
        if (bisected && !r.causes().isEmpty()) {
            sb.append("<h2>Causes</h2>\n<ul>\n");
            r.causes().forEach((v, classes) -> sb.append("<li>").append(v.equals("control")
                    ? "no variation (the build is non-deterministic by itself)" : Html.text(v)).append(" &rarr; ")
                    .append(ids(classes)).append("</li>\n"));
            sb.append("</ul>\n");
        }
        if (!r.notApplied().isEmpty()) {
            sb.append("<h2>Not applied</h2>\n<ul>\n");
            r.notApplied().forEach((v, why) -> sb.append("<li>").append(v.id()).append(": ").append(Html.text(why))
                    .append("</li>\n"));
            sb.append("</ul>\n");
        }
        for (int i = 0; i < cs.size(); i++) {
            Rebuild.Comparison c = cs.get(i);
            if (!c.drift().clean()) {
                sb.append("<section class=\"run\" id=\"run-").append(i + 1).append("\">\n<h2>control vs ")
                        .append(Html.text(c.setting().label())).append("</h2>\n");
                HtmlReport.body(sb, c.drift(), "run-" + (i + 1) + "-");
                sb.append("</section>\n");
            }
        }
        new HtmlPage("ocisc verify rebuild: " + verdict).markup(sb).writeTo(out);
    }

    private static String ids(Set<DriftClass> classes) {
        return classes.stream().map(DriftClass::id).collect(Collectors.joining(", "));
    }
}
