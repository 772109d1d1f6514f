package dev.ocisc.dsse;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keys as PEM text: {@code PRIVATE KEY} (PKCS#8) and {@code PUBLIC KEY} (SPKI), the forms openssl,
 * securesystemslib and cosign read. Parse errors are {@link IllegalArgumentException}s with a one-line reason.
 */
public final class PemKeys {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");

    private PemKeys() {
    }

    /** PKCS#8; a P-256 key carries its public key in it, as OpenSSL writes them, so the file alone can sign. */
    public static String privateKeyPem(SigningKey key) {
        byte[] der = key.privateKey().getEncoded();
        if (key.algorithm() == KeyAlgorithm.ECDSA_P256) {
            der = Pkcs8.withEcPublicKey(der, key.publicKey().getEncoded());
        }
        return pem("PRIVATE KEY", der);
    }

    public static String publicKeyPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** A private key whose PEM holds its public key: any Ed25519 key, a P-256 key that carries it. */
    public static SigningKey readPrivate(String pem) {
        return readPrivate(pem, () -> {
            throw new IllegalArgumentException("the P-256 private key holds no public key");
        });
    }

    /**
     * A private key and its public half: from the key itself (Ed25519: derived by the JDK; P-256: the optional
     * public key of the ECPrivateKey), else from {@code elsewhere}, which may throw to say where it looked.
     */
    public static SigningKey readPrivate(String pem, Supplier<PublicKey> elsewhere) {
        byte[] der = block(pem, "PRIVATE KEY", "private");
        for (KeyAlgorithm a : KeyAlgorithm.values()) {
            PrivateKey k;
            try {
                k = KeyFactory.getInstance(a.keyFactory()).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                continue;
            }
            PublicKey pub = KeyAlgorithm.of(k) == KeyAlgorithm.ED25519
                    ? SigningKey.ed25519Public((EdECPrivateKey) k) : embeddedEcPublic(der);
            return SigningKey.of(k, pub != null ? pub : elsewhere.get());
        }
        throw new IllegalArgumentException("not an ECDSA P-256 or Ed25519 PKCS#8 private key");
    }

    /**
     * The public key in an EC key's PKCS#8, or null when it has none the JDK reads (none at all, or a compressed
     * point): the caller then looks for it elsewhere.
     */
    private static PublicKey embeddedEcPublic(byte[] pkcs8) {
        byte[] spki = Pkcs8.ecPublicKey(pkcs8);
        if (spki == null) {
            return null;
        }
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    public static PublicKey readPublic(String pem) {
        byte[] der = block(pem, "PUBLIC KEY", "public");
        for (KeyAlgorithm a : KeyAlgorithm.values()) {
            PublicKey k;
            try {
                k = KeyFactory.getInstance(a.keyFactory()).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                continue;
            }
            KeyAlgorithm.of(k);
            return k;
        }
        throw new IllegalArgumentException("not an ECDSA P-256 or Ed25519 public key");
    }

    /** The DER of the first PEM block of {@code type}; {@code kind} ("private", "public") words the refusal. */
    private static byte[] block(String pem, String type, String kind) {
        Matcher m = BLOCK.matcher(pem);
        List<String> others = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).equals(type)) {
                try {
                    return Base64.getMimeDecoder().decode(m.group(2));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bad base64 in the PEM " + type + " block");
                }
            }
            if (type.equals("PRIVATE KEY") && m.group(1).equals("EC PRIVATE KEY")) {
                throw new IllegalArgumentException("SEC1 'EC PRIVATE KEY'; convert it with "
                        + "openssl pkcs8 -topk8 -nocrypt");
            }
            if (m.group(1).equals("ENCRYPTED PRIVATE KEY")) {
                throw new IllegalArgumentException("encrypted private keys are not supported");
            }
            others.add(m.group(1));
        }
        // A public key given for a private one (or the other way round) is the likely mistake: say what it is.
        throw new IllegalArgumentException("not a PEM " + kind + " key"
                + (others.isEmpty() ? "" : " (it holds a PEM " + others.get(0) + ")"));
    }

    private static String pem(String type, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
    }
}
