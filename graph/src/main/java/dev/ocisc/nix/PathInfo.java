package dev.ocisc.nix;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the store records about a valid path.
 *
 * @param narSha256        hex SHA-256 of {@code nix-store --dump PATH}
 * @param narSize          bytes of that NAR
 * @param references       store paths this path refers to, itself excluded, sorted
 * @param deriver          the {@code .drv} that built it, or null (sources, {@code builtins.toFile})
 * @param registrationTime seconds since the epoch when it became valid, 0 when unknown
 * @param ca               the content address Nix recorded, or null
 * @param output           which output of its deriver this path is, when the store records it (its
 *                         DerivationOutputs table), else null
 */
public record PathInfo(
        String path,
        String narSha256,
        long narSize,
        SortedSet<String> references,
        String deriver,
        long registrationTime,
        String ca,
        String output) {

    public PathInfo {
        TreeSet<String> refs = new TreeSet<>(references);
        refs.remove(path);
        references = Collections.unmodifiableSortedSet(refs);
    }

    /** True for the output of a fixed-output derivation (a download), whose declared hash lives in the .drv. */
    public boolean isFixedOutput() {
        return deriver != null && ca != null && ca.startsWith("fixed:");
    }
}
