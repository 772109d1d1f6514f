package dev.ocisc.diff;

/**
 * Bounds on what one input may make ocisc read, so that a small hostile archive cannot exhaust the disk,
 * memory or time (a decompression bomb, a header claiming a huge PAX record).
 *
 * @param maxExpandedBytes most bytes a compressed input may decompress to
 * @param maxRatio         most decompressed bytes per compressed byte, checked past the first MiB
 * @param maxHeaderBytes   largest PAX or GNU long-name record held in memory
 * @param maxEntries       most entries per tree
 */
public record Limits(long maxExpandedBytes, long maxRatio, int maxHeaderBytes, int maxEntries) {
    public static final Limits DEFAULT = new Limits(64L << 30, 2000, 1 << 20, 5_000_000);

    /** The ratio is checked once this much has come out: small streams of zeros compress beyond any ratio. */
    static final long RATIO_GRACE_BYTES = 1 << 20;

    /** {@code decompressed}, stopped when it goes past these caps; {@code compressedSoFar} counts the input. */
    java.io.InputStream guard(java.io.InputStream decompressed, java.util.function.LongSupplier compressedSoFar,
            String source) {
        return new dev.ocisc.oci.BombGuard(decompressed, compressedSoFar, maxExpandedBytes, maxRatio,
                RATIO_GRACE_BYTES, source);
    }
}
