package dev.ocisc.dsse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.json.StrictJson;

/**
 * One envelope read from an attestation file.
 *
 * @param hint  the Sigstore bundle's {@code publicKey.hint}, or null for a bare envelope
 * @param where the file and line (or "bundle") it came from, for messages
 */
public record SignedAttestation(Envelope envelope, String hint, String where) {
    /**
     * Whether the statement, read without verifying its signature, names a subject with this digest: a hint for
     * a warning before an attestation is pushed somewhere it will not verify, never a verdict.
     */
    public boolean claimsSubject(String algorithm, String hex) {
        try {
            for (JsonNode s : StrictJson.parse(envelope.payload(), where).path("subject")) {
                if (hex.equals(s.path("digest").path(algorithm).asText())) {
                    return true;
                }
            }
            return false;
        } catch (InvalidInputException e) {
            return false;
        }
    }
}
