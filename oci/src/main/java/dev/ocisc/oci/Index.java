package dev.ocisc.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.failure.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/** An image index ({@code index.json} of a layout, or a multi-platform index blob): manifests and nested indexes. */
public record Index(String mediaType, List<Descriptor> manifests) {
    public Index {
        manifests = List.copyOf(manifests);
    }

    public static Index parse(byte[] content, String source) {
        JsonNode n = Documents.parse(content, source);
        if (!n.isObject() || !n.path("manifests").isArray()) {
            throw new InvalidInputException(source, "not an image index (no manifests array)");
        }
        String mt = n.path("mediaType").asText("");
        if (!mt.isEmpty() && !MediaType.isIndex(mt)) {
            throw new InvalidInputException(source, "unknown index media type '" + mt + "'");
        }
        List<Descriptor> ds = new ArrayList<>();
        for (JsonNode d : n.path("manifests")) {
            ds.add(Descriptor.parse(d, source));
        }
        return new Index(mt, ds);
    }
}
