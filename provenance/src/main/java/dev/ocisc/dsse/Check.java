package dev.ocisc.dsse;

/** The checks an attestation goes through, in order; a failure names the one that failed. */
public enum Check {
    /** A Sigstore bundle's {@code publicKey.hint} differs from its signature's {@code keyid}. */
    KEYID_HINT("keyid/hint"),
    PAYLOAD_TYPE("payloadType"),
    /** No signature names the given key. */
    KEY("key"),
    /** The signature does not verify over the PAE: payload, payloadType or signature altered. */
    SIGNATURE("signature"),
    /** The verified payload is not an in-toto Statement v1. */
    STATEMENT("statement"),
    PREDICATE_TYPE("predicateType"),
    SUBJECT("subject digest"),
    BUILDER_ID("builder id"),
    BUILD_TYPE("build type"),
    POLICY("policy");

    private final String label;

    Check(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
