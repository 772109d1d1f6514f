package dev.ocisc.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.json.JsonFields;
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
        // Read by JSON type (the image spec makes every field but size a string, annotations a string map):
        // a number where a string belongs is a broken document, not a value to print and compare.
        JsonFields f = new JsonFields(source);
        Digest digest;
        try {
            digest = Digest.parse(f.string(n, "digest", "descriptor"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source, "descriptor: " + e.getMessage());
        }
        long size = f.integer(n, "size", "descriptor " + digest, -1);
        if (size < 0) {
            throw new InvalidInputException(source, "descriptor " + digest + " has no valid size");
        }
        Platform platform = null;
        JsonNode p = n.get("platform");
        if (p != null && !p.isNull()) {
            String where = "descriptor " + digest + " platform";
            f.object(p, where);
            platform = new Platform(f.string(p, "os", where, ""), f.string(p, "architecture", where, ""),
                    f.string(p, "variant", where, ""));
        }
        SortedMap<String, String> ann = new TreeMap<>(f.stringMap(n, "annotations", "descriptor " + digest));
        return new Descriptor(f.string(n, "mediaType", "descriptor " + digest, ""), digest, size, platform, ann);
    }

    public String annotation(String key) {
        return annotations.get(key);
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, null, new TreeMap<>());
    }
}
