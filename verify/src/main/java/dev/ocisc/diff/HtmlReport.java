package dev.ocisc.diff;

import dev.ocisc.html.Html;
import dev.ocisc.html.HtmlPage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report to look at: verdict, the drift classes with their causes and fixes, every finding in a searchable
 * table (each with its anchor, linked from its class), then each changed file's bytes as a unified diff or hex
 * window, folded per file. Values from the inputs go through {@link Html}; ids are numbers, never names. A drift
 * of any size stays a page a browser opens: the table and the diffs shown in full are capped, and the page says
 * how much it left out (the JSON report has all of it).
 */
public final class HtmlReport implements ReportWriter {
    /** Findings rows in the table; the rest are counted. */
    static final int MAX_FINDINGS = 5_000;
    /** Links from a class to its findings. */
    static final int MAX_LINKS_PER_CLASS = 25;
    /** Files whose diff is shown in full, and the characters of diff text they may take together. */
    static final int MAX_FULL_CONTENTS = 50;
    static final int MAX_CONTENT_CHARS = 2_000_000;
    /** Files unfolded when the page opens. */
    private static final int OPEN_CONTENTS = 5;

    @Override
    public void write(Drift d, OutputStream out) throws IOException {
        HtmlPage page = new HtmlPage("ocisc diff: " + d.verdict());
        StringBuilder sb = new StringBuilder();
        sb.append("<h1>ocisc diff</h1>\n");
        body(sb, d, "");
        sb.append("<footer>ocisc diff &middot; the JSON report (-f json) has every finding and the full texts"
                + "</footer>\n");
        page.markup(sb).writeTo(out);
    }

    /** CSS class of a verdict: identical and equivalent pass. */
    public static String verdictClass(Drift d) {
        return d.clean() ? "pass" : "fail";
    }

    /**
     * The drift's sections, for a page of its own or inside another report ({@code verify rebuild}, {@code
     * verify nix}); every id starts with {@code prefix}, so that several drifts share a page.
     */
    public static void body(StringBuilder sb, Drift d, String prefix) {
        sb.append("<div class=\"verdict ").append(verdictClass(d)).append("\">").append(d.verdict());
        if (!d.clean()) {
            sb.append(" &middot; ").append(d.extent());
        }
        sb.append("</div>\n");
        sides(sb, d);
        cards(sb, d);
        if (!d.platforms().isEmpty()) {
            platforms(sb, d);
        }
        if (!d.ignored().isEmpty()) {
            sb.append("<p class=\"muted\">ignored:");
            d.ignored().forEach((c, n) -> sb.append(' ').append(c.id()).append(" (").append(n).append(')'));
            sb.append("</p>\n");
        }
        Map<String, Integer> contentIndex = new HashMap<>();
        for (int i = 0; i < d.contents().size(); i++) {
            contentIndex.putIfAbsent(d.contents().get(i).path(), i + 1);
        }
        if (!d.clean()) {
            classes(sb, d, prefix);
            findings(sb, d, prefix, contentIndex);
        }
        if (!d.contents().isEmpty()) {
            contents(sb, d, prefix);
        }
    }

    private static void sides(StringBuilder sb, Drift d) {
        boolean index = !d.platforms().isEmpty();
        sb.append("<table class=\"sides\"><thead><tr><th></th><th>source</th><th>kind</th><th>")
                .append(index ? "index.json" : "digest").append("</th><th>")
                .append(d.a().image() && !index ? "config" : "content digest").append("</th><th>")
                .append(index ? "platforms" : d.a().image() ? "layers" : "entries").append("</th></tr></thead><tbody>\n");
        side(sb, "A", d.a());
        side(sb, "B", d.b());
        sb.append("</tbody></table>\n");
    }

    private static void side(StringBuilder sb, String name, Drift.Side s) {
        sb.append("<tr><th>").append(name).append("</th><td class=\"mono\">").append(Html.text(s.source()))
                .append("</td><td>").append(Html.text(s.kind())).append("</td><td class=\"mono\">")
                .append(s.digest() == null ? "" : "sha256:" + Html.text(s.digest())).append("</td><td class=\"mono\">")
                .append(s.contentDigest() == null ? "" : "sha256:" + Html.text(s.contentDigest()))
                .append("</td><td>").append(s.entries()).append("</td></tr>\n");
    }

    private static void cards(StringBuilder sb, Drift d) {
        sb.append("<div class=\"cards\">");
        card(sb, d.findings().size(), "findings");
        card(sb, d.classes().size(), "drift classes");
        card(sb, d.contents().size(), "files with changed content");
        int ignored = d.ignored().values().stream().mapToInt(Integer::intValue).sum();
        card(sb, ignored, "ignored");
        sb.append("</div>\n");
    }

    private static void card(StringBuilder sb, int n, String label) {
        sb.append("<div class=\"card\"><span class=\"n\">").append(n).append("</span>").append(label).append("</div>");
    }

    private static void platforms(StringBuilder sb, Drift d) {
        sb.append("<h2>Platforms</h2>\n<table class=\"platforms\"><thead><tr><th>platform</th><th>verdict</th>"
                + "<th>findings</th><th>A manifest</th><th>B manifest</th></tr></thead><tbody>\n");
        for (Drift.PlatformDiff p : d.platforms()) {
            String cls = switch (p.verdict()) {
                case "identical", "equivalent" -> "pass";
                default -> "fail";
            };
            sb.append("<tr><td class=\"mono\">").append(Html.text(p.platform())).append("</td><td class=\"")
                    .append(cls).append("\">").append(Html.text(p.verdict())).append("</td><td>").append(p.findings())
                    .append("</td><td class=\"mono\">").append(Html.text(p.manifestA()))
                    .append("</td><td class=\"mono\">").append(Html.text(p.manifestB())).append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
    }

    /** One section per class: what it is, its likely cause and fix, and links to its findings. */
    private static void classes(StringBuilder sb, Drift d, String prefix) {
        sb.append("<h2>Drift classes</h2>\n<table class=\"classes\"><thead><tr><th>class</th><th>findings</th>"
                + "<th>what differs</th><th>likely cause</th><th>fix</th></tr></thead><tbody>\n");
        d.classes().forEach((c, n) -> sb.append("<tr><td><a class=\"badge fail\" href=\"#").append(prefix)
                .append("class-").append(c.id()).append("\">").append(c.id()).append("</a></td><td>").append(n)
                .append("</td><td>").append(Html.text(c.title())).append("</td><td>").append(Html.text(c.cause()))
                .append("</td><td>").append(Html.text(c.fix())).append("</td></tr>\n"));
        sb.append("</tbody></table>\n");
        for (Map.Entry<DriftClass, Integer> e : d.classes().entrySet()) {
            DriftClass c = e.getKey();
            sb.append("<section class=\"drift-class\" id=\"").append(prefix).append("class-").append(c.id())
                    .append("\">\n<h3><span class=\"badge fail\">").append(c.id()).append("</span> ")
                    .append(Html.text(c.title())).append(" <span class=\"muted\">(").append(e.getValue())
                    .append(")</span></h3>\n<p><b>Likely cause:</b> ").append(Html.text(c.cause()))
                    .append("<br><b>Fix:</b> ").append(Html.text(c.fix())).append("</p>\n<p>");
            int links = 0;
            for (int i = 0; i < d.findings().size() && i < MAX_FINDINGS; i++) {
                Finding f = d.findings().get(i);
                if (f.drift() != c) {
                    continue;
                }
                if (links == MAX_LINKS_PER_CLASS) {
                    break;
                }
                sb.append(links == 0 ? "" : " &middot; ").append("<a class=\"mono\" href=\"#").append(prefix)
                        .append("f-").append(i + 1).append("\">").append(Html.text(where(f))).append(' ')
                        .append(Html.text(f.field())).append("</a>");
                links++;
            }
            if (e.getValue() > links) {
                sb.append(links == 0 ? "" : " &middot; ").append("<a href=\"#").append(prefix)
                        .append("findings\" data-search-into=\"").append(prefix).append("findings\" data-search=\"")
                        .append(c.id()).append("\">all ").append(e.getValue()).append(" in the table</a>");
            }
            sb.append("</p>\n</section>\n");
        }
    }

    private static void findings(StringBuilder sb, Drift d, String prefix, Map<String, Integer> contentIndex) {
        String table = prefix + "findings";
        sb.append("<h2 id=\"").append(table).append("-heading\">Findings</h2>\n<div class=\"toolbar\">")
                .append("<input type=\"search\" placeholder=\"filter by class, path, field or value\" data-filter=\"")
                .append(table).append("\" aria-label=\"filter the findings\"><span class=\"muted\" data-count-for=\"")
                .append(table).append("\"></span>");
        for (DriftClass c : d.classes().keySet()) {
            sb.append("<a class=\"badge\" href=\"#").append(table).append("\" data-search-into=\"").append(table)
                    .append("\" data-search=\"").append(c.id()).append("\">").append(c.id()).append("</a>");
        }
        sb.append("<a class=\"badge muted\" href=\"#").append(table).append("\" data-search-into=\"").append(table)
                .append("\" data-search=\"\">all</a></div>\n");
        sb.append("<table id=\"").append(table).append("\" class=\"findings\"><thead><tr><th data-sort=\"number\">#"
                + "</th><th data-sort>class</th><th data-sort>path</th><th data-sort>field</th><th>A</th><th>B</th>"
                + "<th>note</th></tr></thead><tbody>\n");
        int shown = Math.min(d.findings().size(), MAX_FINDINGS);
        for (int i = 0; i < shown; i++) {
            Finding f = d.findings().get(i);
            sb.append("<tr id=\"").append(prefix).append("f-").append(i + 1).append("\"><td><a href=\"#")
                    .append(prefix).append("f-").append(i + 1).append("\">").append(i + 1).append("</a></td><td><a href=\"#")
                    .append(prefix).append("class-").append(f.drift().id()).append("\">").append(f.drift().id())
                    .append("</a></td><td class=\"mono\">").append(Html.text(where(f)));
            Integer c = contentIndex.get(f.path());
            if (c != null && !f.path().isEmpty()) {
                sb.append(" <a href=\"#").append(prefix).append("c-").append(c).append("\">diff</a>");
            }
            sb.append("</td><td class=\"mono\">").append(Html.text(f.field())).append("</td><td class=\"mono del\">")
                    .append(Html.text(f.a())).append("</td><td class=\"mono add\">").append(Html.text(f.b()))
                    .append("</td><td>").append(Html.text(f.note())).append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
        if (d.findings().size() > shown) {
            sb.append("<p class=\"warn\">").append(d.findings().size() - shown)
                    .append(" more findings are not shown here; the JSON report (-f json) lists all ")
                    .append(d.findings().size()).append(".</p>\n");
        }
    }

    private static void contents(StringBuilder sb, Drift d, String prefix) {
        Map<String, Set<DriftClass>> classesOf = new HashMap<>();
        for (Finding f : d.findings()) {
            classesOf.computeIfAbsent(f.path(), k -> new LinkedHashSet<>()).add(f.drift());
        }
        sb.append("<h2 id=\"").append(prefix).append("contents\">Changed content</h2>\n");
        int chars = 0;
        List<Integer> summarized = new ArrayList<>();
        for (int i = 0; i < d.contents().size(); i++) {
            ContentDiff c = d.contents().get(i);
            boolean full = i < MAX_FULL_CONTENTS && chars + c.text().length() <= MAX_CONTENT_CHARS;
            if (!full) {
                summarized.add(i);
                continue;
            }
            chars += c.text().length();
            sb.append("<details class=\"file\" id=\"").append(prefix).append("c-").append(i + 1).append('"')
                    .append(i < OPEN_CONTENTS ? " open" : "").append("><summary><span class=\"mono\">")
                    .append(Html.text(c.path())).append("</span> ");
            for (DriftClass k : classesOf.getOrDefault(c.path(), Set.of())) {
                sb.append("<a class=\"badge fail\" href=\"#").append(prefix).append("class-").append(k.id())
                        .append("\">").append(k.id()).append("</a> ");
            }
            sb.append("<span class=\"muted\">").append(sizes(c)).append("</span></summary>\n");
            switch (c.kind()) {
                case "unified" -> unified(sb, c);
                case "hex" -> hex(sb, c);
                default -> sb.append("<p class=\"muted\">too large to show: only the sizes are compared</p>\n");
            }
            sb.append("</details>\n");
        }
        if (!summarized.isEmpty()) {
            sb.append("<p class=\"warn\">").append(summarized.size())
                    .append(" more changed files are listed without their content (the JSON report has it):</p>\n"
                            + "<table class=\"more-contents\"><thead><tr><th>path</th><th>kind</th><th>sizes</th>"
                            + "</tr></thead><tbody>\n");
            for (int i : summarized) {
                ContentDiff c = d.contents().get(i);
                sb.append("<tr id=\"").append(prefix).append("c-").append(i + 1).append("\"><td class=\"mono\">")
                        .append(Html.text(c.path())).append("</td><td>").append(Html.text(c.kind())).append("</td><td>")
                        .append(sizes(c)).append("</td></tr>\n");
            }
            sb.append("</tbody></table>\n");
        }
    }

    private static String sizes(ContentDiff c) {
        return c.sizeA() + " &rarr; " + c.sizeB() + " bytes"
                + (c.firstDifference() >= 0 ? ", first difference at byte " + c.firstDifference() : "");
    }

    /** A unified diff as a table: both sides' line numbers, removed and added lines marked. */
    static void unified(StringBuilder sb, ContentDiff c) {
        String text = c.text().substring(header(c));
        sb.append("<table class=\"diff\"><colgroup><col class=\"ln\"><col class=\"ln\"><col></colgroup><tbody>\n");
        int la = 0;
        int lb = 0;
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            char op = line.charAt(0);
            String rest = line.substring(1);
            if (line.startsWith("@@ ")) {
                int[] starts = hunkStarts(line);
                la = starts[0];
                lb = starts[1];
                sb.append("<tr class=\"hunk\"><td class=\"ln\"></td><td class=\"ln\"></td><td>")
                        .append(Html.text(line)).append("</td></tr>\n");
            } else if (op == '-') {
                sb.append("<tr class=\"del\"><td class=\"ln\">").append(la++).append("</td><td class=\"ln\"></td><td>-")
                        .append(Html.text(rest)).append("</td></tr>\n");
            } else if (op == '+') {
                sb.append("<tr class=\"add\"><td class=\"ln\"></td><td class=\"ln\">").append(lb++).append("</td><td>+")
                        .append(Html.text(rest)).append("</td></tr>\n");
            } else {
                sb.append("<tr><td class=\"ln\">").append(la++).append("</td><td class=\"ln\">").append(lb++)
                        .append("</td><td> ").append(Html.text(rest)).append("</td></tr>\n");
            }
        }
        sb.append("</tbody></table>\n");
    }

    /**
     * Length of the diff's {@code --- a/X} and {@code +++ b/X} lines. X is the entry's path inside the file system
     * compared, a suffix of the report's path ({@code rootfs/}, a platform before it); the longest suffix that
     * fits, so that a name holding a line break and a {@code +++ b/} cannot end the header early.
     */
    static int header(ContentDiff c) {
        String path = c.path();
        for (int i = 0; i <= path.length(); i++) {
            String x = path.substring(i);
            String h = "--- a/" + x + "\n+++ b/" + x + "\n";
            if (c.text().startsWith(h)) {
                return h.length();
            }
        }
        return 0;
    }

    /** The first line numbers of a hunk header {@code @@ -A,n +B,m @@}; 1 when it cannot be read. */
    private static int[] hunkStarts(String line) {
        int[] out = {1, 1};
        String[] parts = line.split(" ");
        for (String p : parts) {
            if ((p.startsWith("-") || p.startsWith("+")) && p.length() > 1) {
                String n = p.substring(1, p.indexOf(',') < 0 ? p.length() : p.indexOf(','));
                try {
                    out[p.charAt(0) == '-' ? 0 : 1] = Math.max(1, Integer.parseInt(n));
                } catch (NumberFormatException e) {
                    // not a hunk header after all: numbering from 1 is what is left
                }
            }
        }
        return out;
    }

    /** The hex windows of both sides around the first difference, A's lines marked removed and B's added. */
    private static void hex(StringBuilder sb, ContentDiff c) {
        sb.append("<table class=\"diff hex\"><tbody>\n");
        String side = "";
        for (String line : c.text().split("\n", -1)) {
            if (line.equals("A:") || line.equals("B:")) {
                side = line.equals("A:") ? "del" : "add";
                sb.append("<tr class=\"hunk\"><td>").append(line.charAt(0)).append("</td></tr>\n");
            } else if (!line.isEmpty()) {
                sb.append("<tr class=\"").append(side).append("\"><td>").append(Html.text(line)).append("</td></tr>\n");
            }
        }
        sb.append("</tbody></table>\n");
    }

    private static String where(Finding f) {
        return f.path().isEmpty() ? "(archive)" : f.path();
    }
}
