package dev.ocisc.slsa;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a verifier requires of an attestation beyond a good signature.
 *
 * @param artifactDigests the digest sets that identify the artifact in hand (its bytes; an image's manifest), any
 *                        of which a subject may match; null to skip the subject check
 * @param builderId      required {@code runDetails.builder.id}, or null
 * @param buildType      required {@code buildDefinition.buildType}, or null
 */
public record Expectations(List<SortedMap<String, String>> artifactDigests, String builderId, String buildType,
        Policy policy) {
    public Expectations {
        artifactDigests = artifactDigests == null ? null : artifactDigests.stream()
                .map(d -> Collections.unmodifiableSortedMap(new TreeMap<>(d))).toList();
        policy = policy == null ? Policy.none() : policy;
    }
}
