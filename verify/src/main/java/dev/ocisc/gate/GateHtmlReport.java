package dev.ocisc.gate;

import dev.ocisc.html.Html;
import dev.ocisc.html.HtmlPage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The gate's report to look at: the verdict, one row per check with pass or fail, each linked to a section that
 * holds its evidence (what failed, or what was checked) in a searchable table. Values from the inputs (image
 * names, package names, findings) go through {@link Html}.
 */
final class GateHtmlReport implements GateReportWriter {
    /** Evidence rows per check; the rest are counted (the JSON report lists them all). */
    static final int MAX_ITEMS = 10_000;

    @Override
    public void write(GateReport r, OutputStream out) throws IOException {
        List<String> anchors = anchors(r.checks());
        String verdict = r.verdict();
        StringBuilder sb = new StringBuilder("<h1>ocisc verify image</h1>\n<p class=\"subtitle\">")
                .append("<span class=\"mono\">").append(Html.text(r.image())).append("</span> (")
                .append(Html.text(r.form())).append(", <span class=\"mono\">").append(Html.text(r.manifestDigest()))
                .append("</span>)</p>\n<div class=\"verdict ").append(verdict).append("\">").append(verdict)
                .append("</div>\n");
        long failed = r.checks().stream().filter(c -> !c.passed()).count();
        sb.append("<div class=\"cards\"><div class=\"card\"><span class=\"n\">").append(r.checks().size())
                .append("</span>checks</div><div class=\"card\"><span class=\"n pass\">")
                .append(r.checks().size() - failed).append("</span>passed</div><div class=\"card\"><span class=\"n")
                .append(failed > 0 ? " fail" : "").append("\">").append(failed).append("</span>failed</div></div>\n");
        if (r.checks().isEmpty()) {
            sb.append("<p>no checks requested (give --sbom, --attestation or --policy)</p>\n");
        } else {
            sb.append("<h2>Checks</h2>\n<table id=\"checks\" class=\"checks\"><thead><tr><th>check</th>"
                    + "<th>result</th><th>summary</th><th>evidence</th></tr></thead><tbody>\n");
            for (int i = 0; i < r.checks().size(); i++) {
                Check c = r.checks().get(i);
                String a = anchors.get(i);
                sb.append("<tr><td><a href=\"#").append(a).append("\">").append(Html.text(c.id()))
                        .append("</a></td><td><span class=\"badge ").append(result(c)).append("\">").append(result(c))
                        .append("</span></td><td>").append(Html.text(c.summary())).append("</td><td><a href=\"#")
                        .append(a).append("\">").append(c.items().size()).append(c.items().size() == 1 ? " item"
                                : " items").append("</a></td></tr>\n");
            }
            sb.append("</tbody></table>\n");
        }
        for (int i = 0; i < r.checks().size(); i++) {
            detail(sb, r.checks().get(i), anchors.get(i));
        }
        sb.append("<footer>ocisc verify image &middot; the checks are described in docs/verify-image.md</footer>\n");
        new HtmlPage("ocisc verify image: " + verdict + " " + r.image()).markup(sb).writeTo(out);
    }

    private static String result(Check c) {
        return c.passed() ? "pass" : "fail";
    }

    private static void detail(StringBuilder sb, Check c, String anchor) {
        sb.append("<section class=\"check\" id=\"").append(anchor).append("\">\n<h2><span class=\"badge ")
                .append(result(c)).append("\">").append(result(c)).append("</span> ").append(Html.text(c.id()))
                .append("</h2>\n<p>").append(Html.text(c.summary())).append("</p>\n");
        if (c.items().isEmpty()) {
            sb.append("<p class=\"muted\">no items</p>\n</section>\n");
            return;
        }
        String table = anchor + "-items";
        sb.append("<div class=\"toolbar\"><input type=\"search\" placeholder=\"filter\" data-filter=\"").append(table)
                .append("\" aria-label=\"filter the evidence of ").append(Html.text(c.id()))
                .append("\"><span class=\"muted\" data-count-for=\"").append(table).append("\"></span></div>\n")
                .append("<table id=\"").append(table).append("\" class=\"items\"><thead><tr><th data-sort>")
                .append(c.passed() ? "checked" : "evidence").append("</th></tr></thead><tbody>\n");
        int shown = Math.min(c.items().size(), MAX_ITEMS);
        for (int i = 0; i < shown; i++) {
            sb.append("<tr><td class=\"mono\">").append(Html.text(c.items().get(i))).append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
        if (c.items().size() > shown) {
            sb.append("<p class=\"warn\">").append(c.items().size() - shown)
                    .append(" more are not shown here; the JSON report (-f json) lists all ").append(c.items().size())
                    .append(".</p>\n");
        }
        sb.append("</section>\n");
    }

    /** {@code check-sbom}, ...: an id as the check names it, reduced to safe characters, unique on the page. */
    static List<String> anchors(List<Check> checks) {
        Set<String> used = new HashSet<>();
        return checks.stream().map(c -> {
            String base = "check-" + c.id().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
            String a = base;
            for (int n = 2; !used.add(a); n++) {
                a = base + "-" + n;
            }
            return a;
        }).toList();
    }
}
