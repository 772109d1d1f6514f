package dev.ocisc.oci.report;

import dev.ocisc.oci.Compression;
import dev.ocisc.oci.Digest;
import dev.ocisc.oci.Image;
import dev.ocisc.oci.Layer;
import dev.ocisc.oci.LayerRead;
import dev.ocisc.oci.LayerSummary;
import dev.ocisc.oci.NixSnapshotterLayer;
import dev.ocisc.text.Noun;
import dev.ocisc.text.ReportText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The human report: per image a table of its layers (blob, size, DiffID, what each holds), then the shared layers
 * and the bytes sharing saves. Names and paths from the images go through {@link ReportText}.
 */
public final class LayersTextWriter implements LayersWriter {
    private static final Noun BYTE = Noun.of("byte");
    private static final Noun BLOB = Noun.of("layer blob");

    @Override
    public void write(LayerSharing layers, OutputStream out) throws IOException {
        out.write(text(layers).getBytes(StandardCharsets.UTF_8));
    }

    private static String text(LayerSharing sharing) {
        StringBuilder b = new StringBuilder();
        long total = 0;
        Map<String, List<LayerSharing.Use>> byDiffId = sharing.byDiffId();
        for (int i = 0; i < sharing.images().size(); i++) {
            Image img = sharing.images().get(i).image();
            b.append(String.format("%s  (%s%s)%n", ReportText.line(img.source()), img.form().cliName(),
                    img.archiveCompression() == Compression.NONE ? ""
                            : ", whole archive " + img.archiveCompression().name().toLowerCase()));
            b.append(String.format("  %s %s%n", img.hasManifest() ? "manifest" : "image id", img.manifestDigest()));
            if (img.name() != null) {
                b.append("  name     ").append(ReportText.line(img.name())).append('\n');
            }
            b.append(String.format("  %-3s %-19s %10s %-19s %12s %7s  %s%n", "#", "BLOB", "SIZE", "DIFFID",
                    "UNCOMPRESSED", "FILES", "CONTENTS"));
            List<LayerRead<LayerSummary>> layers = sharing.images().get(i).layers();
            for (int j = 0; j < layers.size(); j++) {
                LayerRead<LayerSummary> l = layers.get(j);
                int shared = byDiffId.get(l.diffId().toString()).size();
                b.append(String.format("  %-3d %-19s %10d %-19s %12d %7d  %s%s%n", j, shortDigest(l.blobDigest()),
                        l.blobSize(), shortDigest(l.diffId()), l.uncompressedSize(), l.result().files(),
                        ReportText.line(describe(img.layers().get(j), img.source(), l.result())), shared > 1 ? "  [shared x" + shared + "]" : ""));
                total += l.blobSize();
            }
        }
        long savedAll = 0;
        StringBuilder sharedLines = new StringBuilder();
        for (Map.Entry<String, List<LayerSharing.Use>> e : byDiffId.entrySet()) {
            List<LayerSharing.Use> uses = e.getValue();
            if (uses.size() > 1) {
                long s = LayerSharing.saved(uses);
                savedAll += s;
                List<String> where = uses.stream().map(r -> "#" + (r.image() + 1) + " layer " + r.layer().index())
                        .toList();
                sharedLines.append(String.format("  %s  %s  saves %s%n", e.getKey(), String.join(", ", where),
                        BYTE.count(s)));
            }
        }
        b.append('\n').append("shared layers (by DiffID):").append('\n');
        b.append(sharedLines.length() == 0 ? "  none\n" : sharedLines.toString());
        b.append(String.format("total %s in %s; sharing saves %s%n", BYTE.count(total),
                BLOB.count(byDiffId.values().stream().mapToInt(List::size).sum()), BYTE.count(savedAll)));
        return b.toString();
    }

    /**
     * What a layer holds: for a nix-snapshotter layer the store paths its annotations name (their contents are not
     * in it), else the store paths of a Nix layer, else its top-level directories.
     */
    static String describe(Layer layer, String image, LayerSummary s) {
        var snap = NixSnapshotterLayer.of(layer, image);
        if (snap.isPresent()) {
            return "nix-snapshotter: store paths " + NixSnapshotterLayer.NOT_SHIPPED + ": "
                    + (snap.get().storePaths().isEmpty() ? "(none)" : String.join(" ", snap.get().storePaths()));
        }
        return describe(s);
    }

    /** What a layer holds: the store paths of a Nix layer, else its top-level directories. */
    static String describe(LayerSummary s) {
        if (!s.storePaths().isEmpty()) {
            return String.join(" ", s.storePaths());
        }
        return s.topLevel().isEmpty() ? "(empty)" : String.join(", ", s.topLevel().stream().map(t -> "/" + t).toList());
    }

    private static String shortDigest(Digest d) {
        return d.algorithm() + ":" + d.shortHex();
    }
}
