package dev.ocisc.oci;

/**
 * Caps that keep hostile images and tars from exhausting memory, disk or time: images come from strangers. One
 * set for every command, so that {@code sbom}, {@code layers} and {@code diff} refuse the same inputs.
 *
 * @param maxJsonBytes          largest index, manifest, config or manifest.json accepted
 * @param maxUncompressedBytes  most bytes one layer or archive may decompress to
 * @param maxRatio              most a compressed stream may expand (uncompressed / compressed), checked once
 *                              {@code ratioGraceBytes} have come out; gzip's own limit is about 1032:1, so a cap
 *                              above that would never fire
 * @param ratioGraceBytes       uncompressed bytes allowed before the ratio is enforced (tiny layers of zeros
 *                              compress far beyond any sane ratio)
 * @param maxEntries            most entries of one tar (a layer) or directory
 * @param maxCapturedFileBytes  largest file a catalog reads into memory (package databases)
 * @param maxHeaderBytes        largest tar header record held in memory: a GNU long name or link, or the PAX
 *                              records of one entry
 */
public record Limits(long maxJsonBytes, long maxUncompressedBytes, long maxRatio, long ratioGraceBytes,
        long maxEntries, long maxCapturedFileBytes, long maxHeaderBytes) {

    public static Limits defaults() {
        return new Limits(8L << 20, 64L << 30, 200, 32L << 20, 1_000_000, 256L << 20, 1L << 20);
    }
}
