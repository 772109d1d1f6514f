package dev.ocisc.sbom.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ocisc.html.Html;
import dev.ocisc.html.HtmlPage;
import dev.ocisc.sbom.Component;
import dev.ocisc.sbom.SbomDocument;
import dev.ocisc.text.ReportText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An SBOM as one HTML page: summary cards and licences by count, a searchable table of every component (name,
 * version, purl, licence, hash, layer) and the dependency graph as an outline laid out ahead of time
 * ({@link DependencyOutline}), drawn by the page's script from embedded JSON, expanded on demand, searched by
 * revealing the shortest path to each hit. The same document gives the same bytes.
 */
public final class SbomHtmlWriter {
    private static final String SCRIPT = resource("sbom-report.js");
    private static final JsonFactory COMPACT = new JsonFactory();

    /** @param source the file the document was read from, as the user named it */
    public void write(SbomDocument doc, String source, OutputStream out) throws IOException {
        DependencyOutline outline = DependencyOutline.of(doc);
        List<SbomDocument.Item> items = outline.order();
        String title = doc.name().isEmpty() ? source : doc.name();
        HtmlPage page = new HtmlPage("SBOM " + title);
        StringBuilder b = new StringBuilder();
        b.append("<h1>SBOM ").append(Html.text(title)).append("</h1>\n<p class=\"subtitle\">")
                .append(Html.text(source)).append(" · ").append(Html.text(doc.format())).append("</p>\n");

        long withPurl = items.stream().filter(c -> c.purl() != null).count();
        Map<String, Integer> licences = new TreeMap<>();
        items.forEach(c -> {
            if (c.license() != null) {
                licences.merge(c.license(), 1, Integer::sum);
            }
        });
        long withLicence = items.stream().filter(c -> c.license() != null).count();
        b.append("<div class=\"cards\">\n");
        card(b, "components", items.size(), null);
        card(b, "with a purl", withPurl, items.size());
        card(b, "with a licence", withLicence, items.size());
        card(b, "licences", licences.size(), null);
        card(b, "dependencies", outline.edges(), null);
        card(b, "deepest path", outline.maxDepth(), null);
        b.append("</div>\n");

        licences(b, licences, withLicence);
        graph(b, outline);
        table(b, items);
        b.append("<footer>Written by ocisc from ").append(Html.text(source)).append(".</footer>\n");
        page.markup(b).data("sbom-graph", graphJson(outline)).script(SCRIPT);
        page.writeTo(out);
    }

    private static void card(StringBuilder b, String label, long n, Integer of) {
        b.append("<div class=\"card\"><span class=\"n\">").append(n).append("</span>").append(Html.text(label));
        if (of != null && of > 0) {
            b.append(" <span class=\"muted\">(").append(Math.round(100.0 * n / of)).append("%)</span>");
        }
        b.append("</div>\n");
    }

    private static void licences(StringBuilder b, Map<String, Integer> licences, long withLicence) {
        b.append("<h2>Licences</h2>\n");
        if (licences.isEmpty()) {
            b.append("<p class=\"muted\">No component states a licence.</p>\n");
            return;
        }
        List<Map.Entry<String, Integer>> byCount = new ArrayList<>(licences.entrySet());
        byCount.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        int most = byCount.get(0).getValue();
        b.append("<table id=\"licences\" class=\"compact\"><thead><tr><th data-sort>licence</th>"
                + "<th data-sort=\"number\">components</th><th></th></tr></thead><tbody>\n");
        for (Map.Entry<String, Integer> e : byCount) {
            b.append("<tr><td class=\"mono\">").append(Html.text(e.getKey())).append("</td><td data-value=\"")
                    .append(e.getValue()).append("\">").append(e.getValue())
                    .append("</td><td class=\"meter-cell\"><span class=\"meter\" style=\"width:")
                    .append(String.format(java.util.Locale.ROOT, "%.1f", 100.0 * e.getValue() / most))
                    .append("%\"></span></td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    private static void graph(StringBuilder b, DependencyOutline outline) {
        b.append("<h2>Dependencies</h2>\n<p class=\"muted\">From the components the document describes (then those "
                + "nothing depends on). Expand a component to see what it depends on; search shows the shortest path "
                + "to each match. ↻ marks a dependency on a component already open above it (a cycle).</p>\n");
        b.append("<div class=\"toolbar\"><input type=\"search\" id=\"graph-search\" placeholder=\"Find in the graph "
                + "(name, version, purl)\" aria-label=\"Find in the dependency graph\">"
                + "<button type=\"button\" id=\"graph-collapse\">Collapse all</button>"
                + "<span id=\"graph-status\" class=\"muted\"></span></div>\n");
        b.append("<div id=\"graph\" class=\"outline\" role=\"tree\"></div>\n");
    }

    private static void table(StringBuilder b, List<SbomDocument.Item> items) {
        b.append("<h2>Components</h2>\n<div class=\"toolbar\"><input type=\"search\" data-filter=\"components\" "
                + "placeholder=\"Filter components\" aria-label=\"Filter components\"><span data-count-for=\"components\""
                + " class=\"muted\"></span></div>\n");
        b.append("<table id=\"components\"><thead><tr><th data-sort>name</th><th data-sort>version</th>"
                + "<th data-sort>purl</th><th data-sort>licence</th><th data-sort>hash</th><th data-sort>layer</th>"
                + "</tr></thead><tbody>\n");
        for (int i = 0; i < items.size(); i++) {
            SbomDocument.Item c = items.get(i);
            b.append("<tr id=\"c").append(i).append("\"><td>").append(Html.text(c.name())).append("</td><td class=\"mono\">")
                    .append(Html.text(c.version())).append("</td><td class=\"mono\">").append(Html.text(c.purl()))
                    .append("</td><td>").append(Html.text(c.license())).append("</td><td class=\"mono nowrap\">");
            hash(b, c.hashes());
            b.append("</td><td>");
            layer(b, c);
            b.append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    /** The strongest digest, shortened; the whole digest in its title (and in the text search reads). */
    private static void hash(StringBuilder b, List<Component.Hash> hashes) {
        Component.Hash best = hashes.stream().max(Comparator.comparingInt(h -> strength(h.algorithm()))).orElse(null);
        if (best == null) {
            return;
        }
        String full = best.algorithm() + ":" + best.hex();
        b.append("<span title=\"").append(Html.text(full)).append("\">").append(Html.text(best.algorithm()))
                .append(':').append(Html.text(best.hex().length() > 12 ? best.hex().substring(0, 12) + "…" : best.hex()))
                .append("</span>");
    }

    private static int strength(String algorithm) {
        return switch (algorithm) {
            case "SHA-512", "SHA3-512", "BLAKE2b-512" -> 4;
            case "SHA-384", "SHA3-384" -> 3;
            case "SHA-256", "SHA3-256", "BLAKE2b-256", "BLAKE3" -> 2;
            case "SHA-1" -> 1;
            default -> 0;
        };
    }

    /**
     * Where in an image ocisc found the component: its layer (index, digest) and the file that showed it (a
     * language package's evidence, else the package database of a distribution's package).
     */
    private static void layer(StringBuilder b, SbomDocument.Item c) {
        String index = c.properties().get("oci:layer_index");
        String digest = c.properties().get("oci:layer_digest");
        String where = c.properties().get("ocisc:evidence_path");
        if (where == null) {
            where = c.properties().entrySet().stream().filter(e -> e.getKey().endsWith(":database"))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        if (index != null) {
            b.append(Html.text(index));
        }
        if (digest != null) {
            b.append(" <span class=\"mono muted\" title=\"").append(Html.text(digest)).append("\">")
                    .append(Html.text(digest.length() > 19 ? digest.substring(0, 19) + "…" : digest)).append("</span>");
        }
        if (where != null) {
            b.append("<div class=\"mono muted\">").append(Html.text(where)).append("</div>");
        }
    }

    /** Names, edges, roots and shortest-path parents as arrays of numbers: the page's script reads nothing else. */
    private static String graphJson(DependencyOutline o) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (JsonGenerator g = COMPACT.createGenerator(buf)) {
            g.writeStartObject();
            g.writeArrayFieldStart("names");
            for (SbomDocument.Item c : o.order()) {
                g.writeString(ReportText.line(c.version().isEmpty() ? c.name() : c.name() + " " + c.version()));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("purls");
            for (SbomDocument.Item c : o.order()) {
                g.writeString(c.purl() == null ? "" : ReportText.line(c.purl()));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("kids");
            for (int i = 0; i < o.order().size(); i++) {
                int[] k = o.children(i);
                g.writeArray(k, 0, k.length);
            }
            g.writeEndArray();
            int[] roots = o.roots();
            g.writeFieldName("roots");
            g.writeArray(roots, 0, roots.length);
            int[] parent = o.parent();
            g.writeFieldName("parent");
            g.writeArray(parent, 0, parent.length);
            g.writeEndObject();
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static String resource(String name) {
        try (InputStream in = SbomHtmlWriter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
