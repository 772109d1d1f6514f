package dev.ocisc.dsse;

import dev.ocisc.oci.Digest;
import java.security.PublicKey;

/**
 * The id ocisc gives a public key: lowercase hex SHA-256 of its DER SubjectPublicKeyInfo. Anyone holding the
 * public key file recomputes it ({@code openssl pkey -pubin -outform DER | sha256sum}); it is the envelope's
 * {@code keyid} and the Sigstore bundle's {@code publicKey.hint}.
 */
public final class KeyId {
    private KeyId() {
    }

    public static String of(PublicKey key) {
        return Digest.sha256Of(key.getEncoded()).hex();
    }
}
