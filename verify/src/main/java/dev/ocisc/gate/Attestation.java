package dev.ocisc.gate;

import java.nio.file.Path;
import java.security.PublicKey;

/**
 * What {@code verify image --attestation FILE --key PUB.pem} hands the gate: the attestation file (DSSE envelope,
 * {@code .intoto.jsonl} or Sigstore bundle) and the one public key trusted to have signed it.
 */
public record Attestation(Path file, PublicKey key) {
}
