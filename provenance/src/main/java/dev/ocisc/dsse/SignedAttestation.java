package dev.ocisc.dsse;

/**
 * One envelope read from an attestation file.
 *
 * @param hint  the Sigstore bundle's {@code publicKey.hint}, or null for a bare envelope
 * @param where the file and line (or "bundle") it came from, for messages
 */
public record SignedAttestation(Envelope envelope, String hint, String where) {
}
