package dev.ocisc.oci;

import dev.ocisc.failure.InvalidInputException;

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
 * @param maxEntries            most tar entries an image's layers hold together (a layer counts each time the
 *                              manifest lists it), and most entries of any one tar or directory
 * @param maxCapturedFileBytes  most bytes of file content a catalog keeps for one image, all layers together:
 *                              package databases in memory, the Nix store database copied to a temporary file
 * @param maxHeaderBytes        largest tar header record held in memory: a GNU long name or link, or the PAX
 *                              records of one entry
 * @param maxDescriptors        most descriptors an image's documents list: index entries at every depth (a nested
 *                              index counts again each time it is listed) plus the manifest's layers
 */
public record Limits(long maxJsonBytes, long maxUncompressedBytes, long maxRatio, long ratioGraceBytes,
        long maxEntries, long maxCapturedFileBytes, long maxHeaderBytes, long maxDescriptors) {

    public static Limits defaults() {
        return new Limits(8L << 20, 64L << 30, 200, 32L << 20, 1_000_000, 256L << 20, 1L << 20, 10_000);
    }

    /** Refuses documents listing more than {@link #maxDescriptors} descriptors; {@code listed} counts so far. */
    public void checkDescriptors(long listed, String source) {
        if (listed > maxDescriptors) {
            throw new InvalidInputException(source, "lists more than " + maxDescriptors + " descriptors (limit; "
                    + "a blob listed again counts again)");
        }
    }

    /** Refuses an image whose layers, counted as often as they are listed, hold more than {@link #maxEntries}. */
    public void checkEntries(long entries, String source) {
        if (entries > maxEntries) {
            throw new InvalidInputException(source, "layers hold more than " + maxEntries + " tar entries together "
                    + "(limit; a layer listed again counts again)");
        }
    }
}
