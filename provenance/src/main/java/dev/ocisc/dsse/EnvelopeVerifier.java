package dev.ocisc.dsse;

import java.security.PublicKey;

/**
 * Checks an envelope against a trusted public key and hands back the payload bytes that the signature covers.
 * Callers parse only what this returns: nothing of the envelope is believed before the signature is.
 */
public final class EnvelopeVerifier {
    private final PublicKey key;
    private final KeyAlgorithm algorithm;
    private final String keyid;

    public EnvelopeVerifier(PublicKey key) {
        this.key = key;
        this.algorithm = KeyAlgorithm.of(key);
        this.keyid = KeyId.of(key);
    }

    /**
     * @param expectedType the payloadType the caller will parse the payload as
     * @return the verified payload
     * @throws VerificationException naming the first check that failed
     */
    public byte[] verify(Envelope env, String expectedType) {
        if (!expectedType.equals(env.payloadType())) {
            throw new VerificationException(VerificationStep.PAYLOAD_TYPE,
                    "expected " + expectedType + ", got '" + env.payloadType() + "'");
        }
        if (env.signatures().isEmpty()) {
            throw new VerificationException(VerificationStep.SIGNATURE, "the envelope has no signatures");
        }
        // A keyid is an unauthenticated hint, and other tools name keys their own way (securesystemslib hashes its
        // key metadata): the key is tried on every signature, and the keyids only help to explain a failure.
        byte[] pae = env.pae();
        for (Signature s : env.signatures()) {
            if (Signer.verifyRaw(key, algorithm, pae, s.sig())) {
                return env.payload();
            }
        }
        throw new VerificationException(VerificationStep.SIGNATURE, "no signature verifies with the given key " + keyid
                + " over the PAE of payloadType " + env.payloadType() + " and the " + env.payload().length
                + "-byte payload; the signatures name keyids "
                + env.signatures().stream().map(s -> s.keyid().isEmpty() ? "(none)" : s.keyid()).toList());
    }
}
