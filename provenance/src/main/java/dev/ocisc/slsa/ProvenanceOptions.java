package dev.ocisc.slsa;

import java.time.Instant;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the user decides about a provenance statement, beyond what the store says.
 *
 * @param recursive      the whole build closure as resolvedDependencies, not only the direct inputs
 * @param parameters     extra externalParameters ({@code -P key=value})
 * @param builderVersion versions of the generator, e.g. {@code ocisc -> 0.1.0}
 * @param finishedOn     null: the latest registration time of the target's outputs in the store
 */
public record ProvenanceOptions(
        boolean recursive,
        String builderId,
        String buildType,
        SortedMap<String, String> parameters,
        SortedMap<String, String> builderVersion,
        String invocationId,
        Instant startedOn,
        Instant finishedOn) {

    /** ocisc's build type for Nix derivations, documented in docs/buildtypes/nix-v1.md. */
    public static final String NIX_BUILD_TYPE = "https://ocisc.dev/buildtypes/nix/v1";

    public ProvenanceOptions {
        parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
        builderVersion = Collections.unmodifiableSortedMap(new TreeMap<>(builderVersion));
    }
}
