package dev.ocisc.oci.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ocisc.json.Json;
import dev.ocisc.oci.Image;
import dev.ocisc.oci.LayerRead;
import dev.ocisc.oci.LayerSummary;
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
                g.writeStringField("diffId", e.getKey());
                g.writeArrayFieldStart("in");
                for (LayerSharing.Use r : e.getValue()) {
                    g.writeStartObject();
                    g.writeNumberField("image", r.image());
                    g.writeNumberField("layer", r.layer().index());
                    g.writeStringField("digest", r.read().blobDigest().toString());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeNumberField("savedBytes", saved);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("savedBytes", savedAll);
            g.writeEndObject();
        }
        out.write('\n');
    }

    private static void image(JsonGenerator g, ScannedImage<LayerSummary> s) throws IOException {
        Image img = s.image();
        g.writeStartObject();
        g.writeStringField("source", img.source());
        g.writeStringField("form", img.form().cliName());
        g.writeStringField("archiveCompression", img.archiveCompression().name().toLowerCase());
        Json.optional(g, "name", img.name());
        if (img.hasManifest()) {
            g.writeStringField("manifestDigest", img.manifestDigest().toString());
        }
        g.writeStringField("configDigest", img.configDigest().toString());
        g.writeArrayFieldStart("layers");
        for (int j = 0; j < s.layers().size(); j++) {
            LayerRead<LayerSummary> l = s.layers().get(j);
            g.writeStartObject();
            g.writeNumberField("index", j);
            g.writeStringField("mediaType", img.layers().get(j).mediaType());
            g.writeStringField("digest", l.blobDigest().toString());
            g.writeNumberField("size", l.blobSize());
            g.writeStringField("compression", l.compression().name().toLowerCase());
            g.writeStringField("diffId", l.diffId().toString());
            g.writeNumberField("uncompressedSize", l.uncompressedSize());
            g.writeNumberField("entries", l.result().entries());
            g.writeNumberField("files", l.result().files());
            g.writeNumberField("fileBytes", l.result().fileBytes());
            g.writeNumberField("whiteouts", l.result().whiteouts());
            Json.stringArray(g, "storePaths", l.result().storePaths());
            Json.stringArray(g, "topLevel", l.result().topLevel());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
