package dev.ocisc.oci;

/**
 * How to read an image.
 *
 * @param platform    which manifest of a multi-platform index; null for the host's
 * @param parallelism layers read at once (layout directories and uncompressed archives)
 */
public record ReadOptions(Platform platform, Limits limits, int parallelism) {
    public static ReadOptions defaults() {
        return new ReadOptions(null, Limits.defaults(), Runtime.getRuntime().availableProcessors());
    }

    public ReadOptions withPlatform(Platform p) {
        return new ReadOptions(p, limits, parallelism);
    }

    public ReadOptions withLimits(Limits l) {
        return new ReadOptions(platform, l, parallelism);
    }
}
