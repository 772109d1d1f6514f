package dev.ocisc.nix;

/**
 * One output of a derivation as the {@code .drv} states it.
 *
 * @param path     the output path; empty for content-addressed (floating) and deferred outputs
 * @param hashAlgo empty, or {@code sha256} (flat file hash), {@code r:sha256} (NAR hash), {@code text:sha256}
 * @param hash     the declared hash of a fixed-output derivation, else empty
 */
public record DerivationOutput(String name, String path, String hashAlgo, String hash) {
    public boolean isFixed() {
        return !hash.isEmpty();
    }

    public boolean isContentAddressed() {
        return path.isEmpty();
    }
}
