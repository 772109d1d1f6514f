package dev.ocisc.dsse;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;

/**
 * The id ocisc gives a public key: lowercase hex SHA-256 of its DER SubjectPublicKeyInfo. Anyone holding the
 * public key file recomputes it ({@code openssl pkey -pubin -outform DER | sha256sum}); it is the envelope's
 * {@code keyid} and the Sigstore bundle's {@code publicKey.hint}.
 */
public final class KeyId {
    private KeyId() {
    }

    public static String of(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
