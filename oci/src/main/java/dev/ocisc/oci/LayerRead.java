package dev.ocisc.oci;

/**
 * What one read of a layer blob measured, and what the handler made of its entries.
 *
 * @param blobDigest       digest of the bytes as stored (compressed)
 * @param compression      what the bytes turned out to be
 * @param diffId           digest of the uncompressed tar
 * @param uncompressedSize bytes of the uncompressed tar
 * @param entries          tar entries the layer holds
 */
public record LayerRead<T>(Digest blobDigest, long blobSize, Compression compression, Digest diffId,
        long uncompressedSize, long entries, T result) {
}
