package dev.ocisc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes an OCI image layout document by document, so that tests can make layouts no tool writes: a nested index
 * listed a thousand times, a layer listed thousands of times, DiffIDs that lie. Descriptors are JSON text.
 */
public final class RawLayout {
    public static final String INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String LAYER = "application/vnd.oci.image.layer.v1.tar";
    public static final String LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

    private final Path dir;

    public RawLayout(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir.resolve("blobs/sha256"));
            Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public static String sha256(byte[] b) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores a blob; returns its descriptor. */
    public String blob(String mediaType, byte[] content) {
        String digest = sha256(content);
        try {
            Files.write(dir.resolve("blobs/sha256/" + digest.substring(7)), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + content.length + "}";
    }

    /**
     * Stores a config declaring {@code diffIds} and a manifest of {@code layers} (descriptors); returns the
     * manifest's descriptor.
     */
    public String image(List<String> layers, List<String> diffIds) {
        List<String> quoted = new ArrayList<>();
        diffIds.forEach(d -> quoted.add("\"" + d + "\""));
        String config = blob(CONFIG, ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[" + String.join(",", quoted) + "]}}").getBytes(StandardCharsets.UTF_8));
        return blob(MANIFEST, ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":" + config
                + ",\"layers\":[" + String.join(",", layers) + "]}").getBytes(StandardCharsets.UTF_8));
    }

    /** An image of uncompressed layer tars, each declared with its true DiffID; returns the manifest descriptor. */
    public String image(byte[]... tars) {
        List<String> layers = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (byte[] t : tars) {
            layers.add(blob(LAYER, t));
            diffIds.add(sha256(t));
        }
        return image(layers, diffIds);
    }

    /** An index blob listing {@code descriptors}; returns its descriptor. */
    public String index(List<String> descriptors) {
        return blob(INDEX, indexJson(descriptors));
    }

    /**
     * Writes index.json as the top of {@code levels} nested indexes, each listing the one below {@code copies}
     * times, the last listing {@code manifest}: a small layout that lists the manifest copies^(levels+1) times.
     */
    public Path fanOut(String manifest, int levels, int copies) {
        String level = manifest;
        for (int i = 0; i < levels; i++) {
            level = index(java.util.Collections.nCopies(copies, level));
        }
        return write(java.util.Collections.nCopies(copies, level));
    }

    /** Writes index.json listing {@code descriptors}; returns the layout directory. */
    public Path write(List<String> descriptors) {
        try {
            Files.write(dir.resolve("index.json"), indexJson(descriptors));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    public Path write(String descriptor) {
        return write(List.of(descriptor));
    }

    /** A descriptor with a {@code org.opencontainers.image.ref.name} annotation (umoci finds images by it). */
    public static String tagged(String descriptor, String tag) {
        return descriptor.substring(0, descriptor.length() - 1)
                + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}";
    }

    private static byte[] indexJson(List<String> descriptors) {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + INDEX + "\",\"manifests\":[" + String.join(",", descriptors)
                + "]}").getBytes(StandardCharsets.UTF_8);
    }
}
