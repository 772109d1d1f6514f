package dev.ocisc.oci.report;

import dev.ocisc.html.Html;
import dev.ocisc.html.HtmlPage;
import dev.ocisc.oci.Digest;
import dev.ocisc.oci.Image;
import dev.ocisc.oci.LayerRead;
import dev.ocisc.oci.LayerSummary;
import dev.ocisc.oci.ScannedImage;
import dev.ocisc.text.Noun;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The layers report as a page: each image a bar of its layer blobs, widths in proportion to their bytes on one scale
 * for all images; a layer the images share is drawn in the same colour wherever it is and links to its row among
 * the shared layers, a layer of one image only in grey. Then each image's table, the shared layers and the bytes
 * sharing saves.
 */
public final class LayersHtmlWriter implements LayersWriter {
    private static final Noun IMAGE = Noun.of("image");
    private static final Noun BYTE = Noun.of("byte");
    private static final String[] ALONE = {"#8c959f", "#afb8c1"};
    /** Pointing at a shared layer outlines it in every bar. */
    private static final String SCRIPT = """
            document.querySelectorAll('.bar.layers a.shared').forEach(a => {
              const same = () => document.querySelectorAll('.bar.layers a.' + a.classList[1]);
              a.addEventListener('mouseenter', () => same().forEach(x => x.classList.add('lit')));
              a.addEventListener('mouseleave', () => same().forEach(x => x.classList.remove('lit')));
            });""";

    @Override
    public void write(LayerSharing sharing, OutputStream out) throws IOException {
        Map<String, Integer> sharedIndex = new HashMap<>();
        long saved = 0;
        for (Map.Entry<String, List<LayerSharing.Use>> e : sharing.byDiffId().entrySet()) {
            if (e.getValue().size() > 1) {
                sharedIndex.put(e.getKey(), sharedIndex.size());
                saved += LayerSharing.saved(e.getValue());
            }
        }
        long total = 0;
        long widest = 1;
        int blobs = 0;
        for (ScannedImage<LayerSummary> s : sharing.images()) {
            long size = s.layers().stream().mapToLong(LayerRead::blobSize).sum();
            total += size;
            widest = Math.max(widest, size);
            blobs += s.layers().size();
        }
        StringBuilder b = new StringBuilder();
        b.append("<h1>Layers of ").append(IMAGE.count(sharing.images().size())).append("</h1>\n");
        b.append("<div class=\"cards\">\n");
        card(b, Integer.toString(blobs), "layer blobs", null);
        card(b, Integer.toString(sharing.byDiffId().size()), "distinct layers (DiffIDs)", null);
        card(b, Integer.toString(sharedIndex.size()), "shared layers", null);
        card(b, bytes(total), "in all images", total);
        card(b, bytes(total - saved), "stored once", total - saved);
        b.append("<div class=\"card\" id=\"saved\"><span class=\"n pass\">").append(bytes(saved))
                .append("</span>saved by sharing <span class=\"muted\" title=\"").append(BYTE.count(saved))
                .append("\">(").append(total == 0 ? 0 : Math.round(100.0 * saved / total)).append("%)</span></div>\n");
        b.append("</div>\n<p class=\"muted\">Bars: each image's layer blobs, oldest first, widths in proportion to "
                + "their bytes on one scale. A layer in colour is shared: the same colour is the same layer (the same "
                + "DiffID) in every image; grey is a layer of one image only.</p>\n");

        for (int i = 0; i < sharing.images().size(); i++) {
            image(b, sharing, i, sharedIndex, widest);
        }
        shared(b, sharing, sharedIndex);
        HtmlPage page = new HtmlPage("ocisc layers: " + String.join(", ",
                sharing.images().stream().map(s -> s.image().source()).toList()));
        page.markup(b).script(SCRIPT).writeTo(out);
    }

    private static void card(StringBuilder b, String n, String label, Long exact) {
        b.append("<div class=\"card\"><span class=\"n\"");
        if (exact != null) {
            b.append(" title=\"").append(BYTE.count(exact)).append("\"");
        }
        b.append(">").append(Html.text(n)).append("</span>").append(Html.text(label)).append("</div>\n");
    }

    private static void image(StringBuilder b, LayerSharing sharing, int i, Map<String, Integer> sharedIndex,
            long widest) {
        ScannedImage<LayerSummary> s = sharing.images().get(i);
        Image img = s.image();
        long size = s.layers().stream().mapToLong(LayerRead::blobSize).sum();
        b.append("<h2 id=\"image-").append(i + 1).append("\">#").append(i + 1).append(' ')
                .append(Html.text(img.source())).append("</h2>\n<p class=\"subtitle\">").append(img.form().cliName());
        if (img.name() != null) {
            b.append(" · ").append(Html.text(img.name()));
        }
        b.append(" · ").append(img.hasManifest() ? "manifest " : "image id ").append(Html.text(img.manifestDigest()
                .toString())).append(" · ").append(bytes(size)).append(" in ")
                .append(Noun.of("layer").count(s.layers().size())).append("</p>\n");
        b.append("<div class=\"bar layers\" style=\"width:").append(percent(size, widest)).append("%\">");
        for (int j = 0; j < s.layers().size(); j++) {
            LayerRead<LayerSummary> l = s.layers().get(j);
            String diffId = l.diffId().toString();
            Integer k = sharedIndex.get(diffId);
            b.append("<a href=\"").append(k == null ? "#l" + (i + 1) + "-" + j : "#shared-" + k)
                    .append("\" class=\"").append(k == null ? "alone" : "shared shared-" + k)
                    .append("\" style=\"width:").append(percent(l.blobSize(), Math.max(size, 1))).append("%;background:")
                    .append(colour(k, j)).append("\" title=\"layer ").append(j).append(": ")
                    .append(BYTE.count(l.blobSize())).append(", ").append(Html.text(diffId))
                    .append(k == null ? "" : ", shared").append("\"></a>");
        }
        b.append("</div>\n");
        b.append("<table class=\"layers\"><thead><tr><th data-sort=\"number\">#</th><th>layer</th>"
                + "<th data-sort=\"number\">blob</th><th data-sort=\"number\">uncompressed</th>"
                + "<th data-sort=\"number\">files</th><th>contents</th><th>shared with</th></tr></thead><tbody>\n");
        for (int j = 0; j < s.layers().size(); j++) {
            LayerRead<LayerSummary> l = s.layers().get(j);
            String diffId = l.diffId().toString();
            Integer k = sharedIndex.get(diffId);
            b.append("<tr id=\"l").append(i + 1).append('-').append(j).append("\"><td data-value=\"").append(j)
                    .append("\">").append(j).append("</td><td class=\"mono\"><span class=\"swatch\" style=\"background:")
                    .append(colour(k, j)).append("\"></span><span title=\"").append(Html.text(l.blobDigest().toString()))
                    .append("\">").append(shortDigest(l.blobDigest())).append("</span> ")
                    .append(l.compression().name().toLowerCase(Locale.ROOT)).append("</td><td data-value=\"")
                    .append(l.blobSize()).append("\" title=\"").append(BYTE.count(l.blobSize())).append("\">")
                    .append(bytes(l.blobSize())).append("</td><td data-value=\"").append(l.uncompressedSize())
                    .append("\">").append(bytes(l.uncompressedSize())).append("</td><td data-value=\"")
                    .append(l.result().files()).append("\">").append(l.result().files()).append("</td><td class=\"mono\">")
                    .append(Html.text(LayersTextWriter.describe(img.layers().get(j), img.source(), l.result())))
                    .append("</td><td>");
            if (k != null) {
                String sep = "";
                for (LayerSharing.Use u : sharing.byDiffId().get(diffId)) {
                    if (u.image() != i) {
                        b.append(sep).append("<a href=\"#l").append(u.image() + 1).append('-').append(u.layer().index())
                                .append("\">#").append(u.image() + 1).append(" layer ").append(u.layer().index())
                                .append("</a>");
                        sep = ", ";
                    }
                }
                if (sep.isEmpty()) {
                    b.append("twice in this image");
                }
            }
            b.append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    private static void shared(StringBuilder b, LayerSharing sharing, Map<String, Integer> sharedIndex) {
        b.append("<h2>Shared layers</h2>\n");
        if (sharedIndex.isEmpty()) {
            b.append("<p class=\"muted\">No layer is in more than one place.</p>\n");
            return;
        }
        b.append("<table id=\"shared\"><thead><tr><th>DiffID</th><th>in</th><th data-sort=\"number\">blob</th>"
                + "<th data-sort=\"number\">saved</th></tr></thead><tbody>\n");
        for (Map.Entry<String, List<LayerSharing.Use>> e : sharing.byDiffId().entrySet()) {
            Integer k = sharedIndex.get(e.getKey());
            if (k == null) {
                continue;
            }
            long saved = LayerSharing.saved(e.getValue());
            long min = e.getValue().stream().mapToLong(u -> u.read().blobSize()).min().orElse(0);
            b.append("<tr id=\"shared-").append(k).append("\"><td class=\"mono\"><span class=\"swatch\" style=\"background:")
                    .append(colour(k, 0)).append("\"></span>").append(Html.text(e.getKey())).append("</td><td>");
            String sep = "";
            for (LayerSharing.Use u : e.getValue()) {
                b.append(sep).append("<a href=\"#l").append(u.image() + 1).append('-').append(u.layer().index())
                        .append("\">#").append(u.image() + 1).append(" layer ").append(u.layer().index()).append("</a>");
                sep = ", ";
            }
            b.append("</td><td data-value=\"").append(min).append("\" title=\"").append(BYTE.count(min)).append("\">")
                    .append(bytes(min)).append("</td><td data-value=\"").append(saved).append("\" title=\"")
                    .append(BYTE.count(saved)).append("\">").append(bytes(saved)).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    /** Shared layer k's colour: hues a golden angle apart, so neighbours differ however many there are. */
    private static String colour(Integer shared, int layer) {
        if (shared == null) {
            return ALONE[layer % 2];
        }
        return String.format(Locale.ROOT, "hsl(%.0f 62%% 52%%)", (shared * 137.508 + 200) % 360);
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.3f", 100.0 * part / whole);
    }

    private static String shortDigest(Digest d) {
        return d.algorithm() + ":" + d.shortHex();
    }

    /** Bytes as people read them (binary prefixes); the exact count is in the element's title. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
