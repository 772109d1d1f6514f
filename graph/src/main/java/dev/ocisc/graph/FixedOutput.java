package dev.ocisc.graph;

import java.util.List;

/**
 * The hash a fixed-output derivation declares, and where it says the bytes come from.
 *
 * @param algorithm hash algorithm as Nix names it ({@code sha256}, {@code sha512}, {@code sha1}, {@code md5})
 * @param hashHex   the declared hash, lowercase hex
 * @param recursive true when the hash is over the NAR serialisation ({@code r:} prefix), false for a flat file
 * @param urls      download locations from the derivation's {@code urls} or {@code url} attribute, in order
 */
public record FixedOutput(String algorithm, String hashHex, boolean recursive, List<String> urls) {
    public FixedOutput {
        urls = List.copyOf(urls);
    }

    /** {@code flat} or {@code recursive}: the mode names Nix uses for {@code outputHashMode}. */
    public String mode() {
        return recursive ? "recursive" : "flat";
    }
}
