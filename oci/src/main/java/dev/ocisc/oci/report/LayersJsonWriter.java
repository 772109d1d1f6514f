package dev.ocisc.oci.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ocisc.json.Json;
import dev.ocisc.oci.Image;
import dev.ocisc.oci.LayerRead;
import dev.ocisc.oci.LayerSummary;
import dev.ocisc.oci.NixSnapshotterLayer;
import dev.ocisc.oci.ScannedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** The machine report: every image with its layers, then each shared DiffID, where it is and the bytes saved. */
public final class LayersJsonWriter implements LayersWriter {
    @Override
    public void write(LayerSharing sharing, OutputStream out) throws IOException {
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("images");
            for (ScannedImage<LayerSummary> s : sharing.images()) {
                image(g, s);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("shared");
            long savedAll = 0;
            for (Map.Entry<String, List<LayerSharing.Use>> e : sharing.byDiffId().entrySet()) {
                if (e.getValue().size() < 2) {
                    continue;
                }
                long saved = LayerSharing.saved(e.getValue());
                savedAll += saved;
                g.writeStartObject();
                g.writeStringField("diff_id", e.getKey());
                g.writeArrayFieldStart("in");
                for (LayerSharing.Use r : e.getValue()) {
                    g.writeStartObject();
                    g.writeNumberField("image", r.image());
                    g.writeNumberField("layer", r.layer().index());
                    g.writeStringField("digest", r.read().blobDigest().toString());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeNumberField("saved_bytes", saved);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("saved_bytes", savedAll);
            g.writeEndObject();
        }
        out.write('\n');
    }

    private static void image(JsonGenerator g, ScannedImage<LayerSummary> s) throws IOException {
        Image img = s.image();
        g.writeStartObject();
        g.writeStringField("source", img.source());
        g.writeStringField("form", img.form().cliName());
        g.writeStringField("archive_compression", img.archiveCompression().name().toLowerCase());
        Json.optional(g, "name", img.name());
        if (img.hasManifest()) {
            g.writeStringField("manifest_digest", img.manifestDigest().toString());
        }
        g.writeStringField("config_digest", img.configDigest().toString());
        g.writeArrayFieldStart("layers");
        for (int j = 0; j < s.layers().size(); j++) {
            LayerRead<LayerSummary> l = s.layers().get(j);
            g.writeStartObject();
            g.writeNumberField("index", j);
            g.writeStringField("media_type", img.layers().get(j).mediaType());
            g.writeStringField("digest", l.blobDigest().toString());
            g.writeNumberField("size", l.blobSize());
            g.writeStringField("compression", l.compression().name().toLowerCase());
            g.writeStringField("diff_id", l.diffId().toString());
            g.writeNumberField("uncompressed_size", l.uncompressedSize());
            g.writeNumberField("entries", l.result().entries());
            g.writeNumberField("files", l.result().files());
            g.writeNumberField("file_bytes", l.result().fileBytes());
            g.writeNumberField("whiteouts", l.result().whiteouts());
            Json.stringArray(g, "store_paths", l.result().storePaths());
            Json.stringArray(g, "top_level", l.result().topLevel());
            var snap = NixSnapshotterLayer.of(img.layers().get(j), img.source());
            if (snap.isPresent()) {
                // the entries above are mount points; the store paths come from the host's Nix store
                g.writeObjectFieldStart("nix_snapshotter");
                g.writeBooleanField("shipped", false);
                Json.stringArray(g, "store_paths", snap.get().storePaths());
                Json.stringArray(g, "problems", snap.get().problems());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
