package dev.ocisc.gate;

import dev.ocisc.oci.ImageReference;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * What {@code verify image --attestation FILE --key PUB.pem} hands the gate: the attestation file (DSSE envelope,
 * {@code .intoto.jsonl} or Sigstore bundle) and the one public key trusted to have signed it; or, for an image in
 * a registry given {@code --key} alone, the attestations attached to it there.
 *
 * @param file       the attestation file, or null for the attached ones
 * @param attachedTo the image whose attached attestations are read, or null for a file
 */
public record Attestation(Path file, PublicKey key, ImageReference attachedTo) {
    public Attestation(Path file, PublicKey key) {
        this(file, key, null);
    }

    /** The attestations attached to {@code image} in its registry. */
    public static Attestation attached(ImageReference image, PublicKey key) {
        return new Attestation(null, key, image);
    }
}
