package dev.ocisc.oci;

import dev.ocisc.progress.Progress;

/**
 * How to read an image.
 *
 * @param platform    which manifest of a multi-platform index; null for the host's
 * @param parallelism layers read at once (layout directories, uncompressed archives, registries)
 * @param registry    how to reach registries, for images that live in one
 * @param progress    told how many bytes of layer blobs (as stored) have been read or downloaded
 */
public record ReadOptions(Platform platform, Limits limits, int parallelism, RegistryAccess registry,
        Progress progress) {
    public static ReadOptions defaults() {
        return new ReadOptions(null, Limits.defaults(), Runtime.getRuntime().availableProcessors(),
                RegistryAccess.defaults(), Progress.NONE);
    }

    public ReadOptions withPlatform(Platform p) {
        return new ReadOptions(p, limits, parallelism, registry, progress);
    }

    public ReadOptions withLimits(Limits l) {
        return new ReadOptions(platform, l, parallelism, registry, progress);
    }

    public ReadOptions withRegistry(RegistryAccess r) {
        return new ReadOptions(platform, limits, parallelism, r, progress);
    }

    public ReadOptions withProgress(Progress p) {
        return new ReadOptions(platform, limits, parallelism, registry, p);
    }
}
