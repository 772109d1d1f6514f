package dev.ocisc.slsa;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An attestation that passed every check: who signed it and what it says.
 *
 * @param matchedSubject     the subject whose digest matched the artifact, or null when none was asked for
 * @param externalParameters {@code buildDefinition.externalParameters}, by name
 */
public record VerifiedProvenance(String keyid, List<String> subjects, String builderId, String buildType,
        String matchedSubject, SortedMap<String, JsonNode> externalParameters) {
    public VerifiedProvenance {
        subjects = List.copyOf(subjects);
        externalParameters = Collections.unmodifiableSortedMap(new TreeMap<>(externalParameters));
    }
}
