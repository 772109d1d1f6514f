package dev.ocisc.dsse;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.ECGenParameterSpec;
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

    /**
     * A private key and the public key read for it, once a signature round trip shows that they belong together:
     * the keyid is a hash of the public half, so a wrong one (a stale .pub beside the key) would name a key nobody
     * holds.
     *
     * @throws IllegalArgumentException when they are not one key pair
     */
    static SigningKey of(PrivateKey key, PublicKey pub) {
        KeyAlgorithm algorithm = KeyAlgorithm.of(key);
        if (KeyAlgorithm.of(pub) != algorithm) {
            throw new IllegalArgumentException("an " + algorithm.cliName() + " private key with an "
                    + KeyAlgorithm.of(pub).cliName() + " public key");
        }
        SigningKey sk = new SigningKey(key, pub, algorithm);
        byte[] probe = "ocisc key check".getBytes(StandardCharsets.US_ASCII);
        if (!Signer.verifyRaw(pub, algorithm, probe, Signer.signRaw(sk, probe))) {
            throw new IllegalArgumentException("does not match the public key found for it (keyid " + sk.keyid()
                    + ")");
        }
        return sk;
    }

    /**
     * The public half of an Ed25519 private key. The JDK derives one only while generating a pair, from 32 random
     * bytes that are the private key, so its generator is handed the seed as those bytes: the curve arithmetic on
     * the secret is the JDK's own, as when it signs, none of ocisc's.
     */
    static PublicKey ed25519Public(EdECPrivateKey key) {
        byte[] seed = key.getBytes().orElseThrow(() -> new IllegalArgumentException("Ed25519 key without bytes"));
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
            return g.generateKeyPair().getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive an Ed25519 public key with this JDK: " + e.getMessage(), e);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
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
