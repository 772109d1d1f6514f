package dev.ocisc.oci;

/**
 * How to read an image.
 *
 * @param platform    which manifest of a multi-platform index; null for the host's
 * @param parallelism layers read at once (layout directories, uncompressed archives, registries)
 * @param registry    how to reach registries, for images that live in one
 */
public record ReadOptions(Platform platform, Limits limits, int parallelism, RegistryAccess registry) {
    public static ReadOptions defaults() {
        return new ReadOptions(null, Limits.defaults(), Runtime.getRuntime().availableProcessors(),
                RegistryAccess.defaults());
    }

    public ReadOptions withPlatform(Platform p) {
        return new ReadOptions(p, limits, parallelism, registry);
    }

    public ReadOptions withLimits(Limits l) {
        return new ReadOptions(platform, l, parallelism, registry);
    }

    public ReadOptions withRegistry(RegistryAccess r) {
        return new ReadOptions(platform, limits, parallelism, r);
    }
}
