package dev.ocisc.oci;

/**
 * Caps that keep hostile images from exhausting memory or disk: images come from strangers.
 *
 * @param maxJsonBytes          largest index, manifest, config or manifest.json accepted
 * @param maxUncompressedBytes  most bytes one layer may decompress to
 * @param maxRatio              most a layer may expand (uncompressed / compressed), checked once
 *                              {@code ratioGraceBytes} have come out; gzip's own limit is about 1032:1
 * @param ratioGraceBytes       uncompressed bytes allowed before the ratio is enforced (tiny layers of zeros
 *                              compress far beyond any sane ratio)
 * @param maxEntries            most tar entries one layer may hold
 * @param maxCapturedFileBytes  largest file a catalog reads into memory (package databases)
 */
public record Limits(long maxJsonBytes, long maxUncompressedBytes, long maxRatio, long ratioGraceBytes,
        long maxEntries, long maxCapturedFileBytes) {

    public static Limits defaults() {
        return new Limits(8L << 20, 64L << 30, 200, 32L << 20, 1_000_000, 256L << 20);
    }
}
