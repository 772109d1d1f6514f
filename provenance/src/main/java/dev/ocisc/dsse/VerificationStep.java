package dev.ocisc.dsse;

/** The steps an attestation is verified in, in order; a failure names the one that failed. */
public enum VerificationStep {
    PAYLOAD_TYPE("payloadType"),
    /**
     * No signature verifies over the PAE with the given key: another key signed it, or payload, payloadType or
     * signature were altered. Keyids and hints are not signed, so they cannot tell which.
     */
    SIGNATURE("signature"),
    /** The verified payload is not an in-toto Statement v1. */
    STATEMENT("statement"),
    PREDICATE_TYPE("predicateType"),
    SUBJECT("subject digest"),
    BUILDER_ID("builder id"),
    BUILD_TYPE("build type"),
    POLICY("policy");

    private final String label;

    VerificationStep(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
