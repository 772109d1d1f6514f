package dev.ocisc.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.failure.InvalidInputException;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What points at a blob: its media type, digest and size, and (in an index) the platform it is for.
 *
 * @param size bytes of the blob, or -1 when the format does not record it (docker-archive layers)
 */
public record Descriptor(String mediaType, Digest digest, long size, Platform platform,
        SortedMap<String, String> annotations) {

    public Descriptor {
        annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
    }

    /** Reads a descriptor object; {@code source} names the document it is in, for errors. */
    static Descriptor parse(JsonNode n, String source) {
        if (n == null || !n.isObject()) {
            throw new InvalidInputException(source, "descriptor is not an object");
        }
        Digest digest;
        try {
            digest = Digest.parse(n.path("digest").asText(null));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source, "descriptor: " + e.getMessage());
        }
        JsonNode size = n.get("size");
        if (size == null || !size.canConvertToLong() || size.asLong() < 0) {
            throw new InvalidInputException(source, "descriptor " + digest + " has no valid size");
        }
        Platform platform = null;
        JsonNode p = n.get("platform");
        if (p != null && p.isObject()) {
            platform = new Platform(p.path("os").asText(""), p.path("architecture").asText(""),
                    p.path("variant").asText(""));
        }
        SortedMap<String, String> ann = new TreeMap<>();
        n.path("annotations").fields().forEachRemaining(e -> ann.put(e.getKey(), e.getValue().asText()));
        return new Descriptor(n.path("mediaType").asText(""), digest, size.asLong(), platform, ann);
    }

    public String annotation(String key) {
        return annotations.get(key);
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, null, new TreeMap<>());
    }
}
