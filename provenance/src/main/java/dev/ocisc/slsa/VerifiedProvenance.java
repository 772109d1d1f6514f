package dev.ocisc.slsa;

import java.util.List;

/**
 * An attestation that passed every check: who signed it and what it says.
 *
 * @param matchedSubject the subject whose digest matched the artifact, or null when none was asked for
 */
public record VerifiedProvenance(String keyid, List<String> subjects, String builderId, String buildType,
        String matchedSubject) {
    public VerifiedProvenance {
        subjects = List.copyOf(subjects);
    }
}
