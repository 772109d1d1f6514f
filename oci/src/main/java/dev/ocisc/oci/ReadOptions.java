package dev.ocisc.oci;

import dev.ocisc.progress.Progress;

/**
 * How to read an image.
 *
 * @param platform    which manifest of a multi-platform index; null for the host's
 * @param parallelism layers read at once (layout directories, uncompressed archives, registries)
 * @param registry    how to reach registries, for images that live in one
 * @param progress    told how many bytes of layer blobs (as stored) have been read or downloaded
 * @param refName     which image of a layout's index by its {@code org.opencontainers.image.ref.name}; null for any
 */
public record ReadOptions(Platform platform, Limits limits, int parallelism, RegistryAccess registry,
        Progress progress, String refName) {
    public ReadOptions(Platform platform, Limits limits, int parallelism, RegistryAccess registry,
            Progress progress) {
        this(platform, limits, parallelism, registry, progress, null);
    }

    public static ReadOptions defaults() {
        return new ReadOptions(null, Limits.defaults(), Runtime.getRuntime().availableProcessors(),
                RegistryAccess.defaults(), Progress.NONE);
    }

    public ReadOptions withPlatform(Platform p) {
        return new ReadOptions(p, limits, parallelism, registry, progress, refName);
    }

    public ReadOptions withLimits(Limits l) {
        return new ReadOptions(platform, l, parallelism, registry, progress, refName);
    }

    public ReadOptions withRegistry(RegistryAccess r) {
        return new ReadOptions(platform, limits, parallelism, r, progress, refName);
    }

    public ReadOptions withProgress(Progress p) {
        return new ReadOptions(platform, limits, parallelism, registry, p, refName);
    }

    public ReadOptions withRefName(String name) {
        return new ReadOptions(platform, limits, parallelism, registry, progress, name);
    }
}
