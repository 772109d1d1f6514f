package dev.ocisc.dsse;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/** A private key with its public half, which names it (keyid) in what it signs. */
public record SigningKey(PrivateKey privateKey, PublicKey publicKey, KeyAlgorithm algorithm) {

    public String keyid() {
        return KeyId.of(publicKey);
    }

    /** A new random key pair. */
    public static SigningKey generate(KeyAlgorithm algorithm) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm.keyFactory());
            g.initialize(algorithm == KeyAlgorithm.ECDSA_P256
                    ? new ECGenParameterSpec("secp256r1") : NamedParameterSpec.ED25519);
            KeyPair kp = g.generateKeyPair();
            return new SigningKey(kp.getPrivate(), kp.getPublic(), algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key pair of a private key read from PKCS#8; the public half is computed, since files may lack it. */
    public static SigningKey of(PrivateKey key) {
        try {
            if (key instanceof ECPrivateKey ec) {
                if (!P256.isP256(ec.getParams())) {
                    throw new IllegalArgumentException("EC key is not on P-256");
                }
                PublicKey pub = KeyFactory.getInstance("EC")
                        .generatePublic(new ECPublicKeySpec(P256.publicPoint(ec.getS()), P256.SPEC));
                return new SigningKey(key, pub, KeyAlgorithm.ECDSA_P256);
            }
            if (key instanceof EdECPrivateKey ed && ed.getParams().getName().equalsIgnoreCase("Ed25519")) {
                byte[] seed = ed.getBytes().orElseThrow(() -> new IllegalArgumentException("Ed25519 key without bytes"));
                // The JDK derives an Ed25519 public key only while generating a pair, from 32 random bytes that
                // are the private key: give it the seed we have. Checked by a signature round trip below.
                KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
                g.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
                KeyPair kp = g.generateKeyPair();
                return checked(new SigningKey(key, kp.getPublic(), KeyAlgorithm.ED25519));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable private key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("unsupported private key type " + key.getAlgorithm()
                + " (ECDSA P-256 or Ed25519 expected)");
    }

    /**
     * The key, once a signature round trip shows that the public half the JDK derived for it verifies what its
     * private half signs: the keyid is a hash of that public half, so a wrong one would name a key nobody holds.
     * (P-256 keys are derived by P256, which the tests check against the JDK's own key pairs and the DSSE spec's
     * vector; a round trip on every signing run cost more time than it bought.)
     */
    private static SigningKey checked(SigningKey sk) {
        byte[] probe = "ocisc key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (!Signer.verifyRaw(sk.publicKey(), sk.algorithm(), probe, Signer.signRaw(sk, probe))) {
            throw new IllegalStateException("cannot derive the " + sk.algorithm() + " public key with this JDK");
        }
        return sk;
    }

    /** A "random" source that returns given bytes, for handing a known seed to the JDK's Ed25519 generator. */
    private static final class FixedBytes extends SecureRandom {
        private final byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            if (out.length != bytes.length) {
                throw new IllegalStateException("unexpected request for " + out.length + " random bytes");
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
