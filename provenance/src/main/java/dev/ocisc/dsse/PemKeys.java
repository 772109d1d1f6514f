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

/**
 * Keys as PEM text: {@code PRIVATE KEY} (PKCS#8) and {@code PUBLIC KEY} (SPKI), the forms openssl,
 * securesystemslib and cosign read. Parse errors are {@link IllegalArgumentException}s with a one-line reason.
 */
public final class PemKeys {
    private static final String BEGIN = "-----BEGIN ";
    private static final String DASHES = "-----";
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
        List<String> others = new ArrayList<>();
        for (Block b : blocks(pem)) {
            if (b.label().equals(type)) {
                try {
                    return Base64.getMimeDecoder().decode(b.base64());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bad base64 in the PEM " + type + " block");
                }
            }
            if (type.equals("PRIVATE KEY") && b.label().equals("EC PRIVATE KEY")) {
                throw new IllegalArgumentException("SEC1 'EC PRIVATE KEY'; convert it with "
                        + "openssl pkcs8 -topk8 -nocrypt");
            }
            if (b.label().equals("ENCRYPTED PRIVATE KEY")) {
                throw new IllegalArgumentException("encrypted private keys are not supported");
            }
            others.add(b.label());
        }
        // A public key given for a private one (or the other way round) is the likely mistake: say what it is.
        throw new IllegalArgumentException("not a PEM " + kind + " key"
                + (others.isEmpty() ? "" : " (it holds a PEM " + others.get(0) + ")"));
    }

    /** A PEM block: {@code -----BEGIN LABEL-----}, base64 and whitespace, {@code -----END LABEL-----}. */
    private record Block(String label, String base64) {
    }

    /**
     * The PEM blocks of a text, in order; text around them may be anything (openssl writes explanations before a
     * certificate). Found by scanning, each character looked at a few times: a regular expression for this
     * backtracked for minutes on a header followed by some thousand spaces.
     */
    private static List<Block> blocks(String text) {
        List<Block> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int begin = text.indexOf(BEGIN, from);
            if (begin < 0) {
                return out;
            }
            int labelStart = begin + BEGIN.length();
            int labelEnd = text.indexOf(DASHES, labelStart);
            if (labelEnd < 0) {
                return out; // no dashes further on: no block can end
            }
            from = labelStart; // unless a block is found here, the next BEGIN may start inside this one
            String label = text.substring(labelStart, labelEnd);
            if (label.isEmpty() || !label.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == ' ')) {
                continue;
            }
            int bodyStart = labelEnd + DASHES.length();
            // The body holds no '-', so the first dashes after it must begin its END line.
            int bodyEnd = text.indexOf(DASHES, bodyStart);
            if (bodyEnd < 0) {
                return out;
            }
            String end = "-----END " + label + DASHES;
            if (!text.startsWith(end, bodyEnd)
                    || !text.substring(bodyStart, bodyEnd).chars().allMatch(PemKeys::base64OrSpace)) {
                continue;
            }
            out.add(new Block(label, text.substring(bodyStart, bodyEnd)));
            from = bodyEnd + end.length();
        }
    }

    private static boolean base64OrSpace(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                || c == '=' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    private static String pem(String type, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
    }
}
