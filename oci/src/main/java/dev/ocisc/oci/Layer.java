package dev.ocisc.oci;

/**
 * One layer as the image declares it.
 *
 * @param index     position, 0 = bottom
 * @param mediaType declared media type; for docker-archive layers, which declare none, the plain tar type
 * @param digest    declared blob digest, or null when the format declares none (docker-archive)
 * @param size      declared blob size, or -1
 * @param diffId    {@code config.rootfs.diff_ids[index]}
 * @param location  where the blob is inside the source (a file name of the layout or archive)
 */
public record Layer(int index, String mediaType, Digest digest, long size, Digest diffId, String location) {
    /** How the image says this layer is compressed; null means "look at the bytes" (docker-archive). */
    public Compression declaredCompression() {
        return digest == null ? null : MediaType.layerCompression(mediaType);
    }

    /** The name errors use: the declared digest, else the location. */
    public String label() {
        return "layer " + index + " (" + (digest != null ? digest.toString() : location) + ")";
    }
}
