package dev.ocisc.attest;

import dev.ocisc.slsa.AttestationVerifier;
import dev.ocisc.slsa.VerifiedProvenance;
import java.util.List;

/**
 * The outcome of {@code attest verify}: the first attestation of a file that passed every check, or why each failed.
 *
 * @param file           the file as named on the command line
 * @param subjectChecked whether an artifact or digest was asked for (else any statement the key signed passes)
 * @param where          the verified attestation's place in the file, or null when none passed
 * @param verified       what it says, or null when none passed
 * @param failures       each failed attestation's place, step and the values seen, in file order
 */
public record AttestReport(String file, boolean subjectChecked, String where, VerifiedProvenance verified,
        List<String> failures) {
    public AttestReport {
        failures = List.copyOf(failures);
    }

    public static AttestReport of(String file, boolean subjectChecked, AttestationVerifier.Outcome o) {
        return new AttestReport(file, subjectChecked, o.attestation() == null ? null : o.attestation().where(),
                o.verified(), o.failures());
    }

    public boolean passed() {
        return verified != null;
    }

    /** The one-line verdict text and Markdown show: who signed, which builder, which subject. */
    String summary() {
        return where + ": signed by " + verified.keyid() + ", builder " + verified.builderId()
                + (verified.matchedSubject() == null ? "" : ", subject " + verified.matchedSubject());
    }
}
