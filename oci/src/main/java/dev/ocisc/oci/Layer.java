package dev.ocisc.oci;

import dev.ocisc.failure.InvalidInputException;
import java.util.Collections;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One layer as the image declares it.
 *
 * @param index     position, 0 = bottom
 * @param mediaType declared media type; for docker-archive layers, which declare none, the plain tar type
 * @param digest    declared blob digest, or null when the format declares none (docker-archive)
 * @param size      declared blob size, or -1
 * @param diffId    {@code config.rootfs.diff_ids[index]}
 * @param location  where the blob is inside the source (a file name of the layout or archive)
 * @param annotations the layer descriptor's annotations (none for docker-archive layers)
 */
public record Layer(int index, String mediaType, Digest digest, long size, Digest diffId, String location,
        SortedMap<String, String> annotations) {

    public Layer {
        annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
    }

    /** A layer whose descriptor has no annotations. */
    public Layer(int index, String mediaType, Digest digest, long size, Digest diffId, String location) {
        this(index, mediaType, digest, size, diffId, location, new TreeMap<>());
    }

    /** How the image says this layer is compressed; null means "look at the bytes" (docker-archive). */
    public Compression declaredCompression() {
        return digest == null ? null : MediaType.layerCompression(mediaType);
    }

    /**
     * Checks what a read of the blob measured against what the image declares: size and digest of the blob,
     * compression against the media type, DiffID of the tar. Every command verifies its layers here, so that all
     * of them refuse the same images.
     *
     * @param image names the image in errors
     */
    public void verify(String image, long blobSize, Digest blobDigest, Compression compression, Digest tarDigest) {
        String what = image + ": " + label();
        if (size >= 0 && size != blobSize) {
            throw new InvalidInputException(what, blobSize < size ? "truncated blob: " + blobSize + " of " + size
                    + " bytes" : "blob is " + blobSize + " bytes, descriptor says " + size);
        }
        if (digest != null && !digest.equals(blobDigest)) {
            throw new InvalidInputException(what, "digest mismatch: content is " + blobDigest);
        }
        Compression declared = declaredCompression();
        if (declared != null && declared != compression) {
            throw new InvalidInputException(what, "media type says " + declared.name().toLowerCase(Locale.ROOT)
                    + " but the blob is " + compression.name().toLowerCase(Locale.ROOT));
        }
        if (!diffId.equals(tarDigest)) {
            throw new InvalidInputException(what, "DiffID mismatch: uncompressed content is " + tarDigest
                    + ", config.rootfs.diff_ids says " + diffId);
        }
    }

    /** The name errors use: the declared digest, else the location. */
    public String label() {
        return "layer " + index + " (" + (digest != null ? digest.toString() : location) + ")";
    }
}
