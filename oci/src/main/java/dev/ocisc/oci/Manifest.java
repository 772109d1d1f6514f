package dev.ocisc.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.failure.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/** An image manifest: the config blob and the layer blobs, bottom layer first. */
public record Manifest(String mediaType, Descriptor config, List<Descriptor> layers) {
    public Manifest {
        layers = List.copyOf(layers);
    }

    public static Manifest parse(byte[] content, String source, String declaredMediaType) {
        JsonNode n = Documents.parse(content, source);
        if (!n.isObject()) {
            throw new InvalidInputException(source, "manifest is not a JSON object");
        }
        String mt = n.path("mediaType").asText(declaredMediaType == null ? "" : declaredMediaType);
        if (!mt.isEmpty() && !MediaType.isManifest(mt)) {
            throw new InvalidInputException(source, "unknown manifest media type '" + mt + "'");
        }
        Descriptor config = Descriptor.parse(n.get("config"), source + " config");
        if (!MediaType.isConfig(config.mediaType())) {
            throw new InvalidInputException(source, "unknown config media type '" + config.mediaType() + "'");
        }
        if (!n.path("layers").isArray()) {
            throw new InvalidInputException(source, "manifest has no layers array");
        }
        List<Descriptor> layers = new ArrayList<>();
        for (JsonNode l : n.path("layers")) {
            Descriptor d = Descriptor.parse(l, source);
            if (MediaType.layerCompression(d.mediaType()) == null) {
                throw new InvalidInputException(source, "layer " + d.digest() + " has unknown media type '"
                        + d.mediaType() + "'");
            }
            layers.add(d);
        }
        return new Manifest(mt, config, layers);
    }
}
