package dev.ocisc.slsa;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An SLSA provenance v1 predicate, flattened: {@code buildDefinition} (buildType, parameters, dependencies) and
 * {@code runDetails} (builder and metadata). Times and the invocation id are null when not known; nothing is
 * made up, so that the same build gives the same bytes.
 */
public record Provenance(
        String buildType,
        SortedMap<String, String> externalParameters,
        SortedMap<String, String> internalParameters,
        List<ResourceDescriptor> resolvedDependencies,
        String builderId,
        SortedMap<String, String> builderVersion,
        String invocationId,
        Instant startedOn,
        Instant finishedOn) {

    public static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v1";

    public Provenance {
        externalParameters = Collections.unmodifiableSortedMap(new TreeMap<>(externalParameters));
        internalParameters = Collections.unmodifiableSortedMap(new TreeMap<>(internalParameters));
        resolvedDependencies = List.copyOf(resolvedDependencies);
        builderVersion = Collections.unmodifiableSortedMap(new TreeMap<>(builderVersion));
    }
}
