package dev.ocisc.dsse;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;

/** Signs payloads into DSSE envelopes with one key. */
public final class Signer {
    private final SigningKey key;

    public Signer(SigningKey key) {
        this.key = key;
    }

    /** An envelope with one signature over the PAE of {@code payloadType} and {@code payload}, named by keyid. */
    public Envelope sign(String payloadType, byte[] payload) {
        byte[] sig = signRaw(key, Pae.header(payloadType, payload.length), payload);
        return new Envelope(payloadType, payload, List.of(new Signature(key.keyid(), sig)));
    }

    /**
     * Signs 4 KiB of zeros and throws the signature away: run on a spare thread while there is other work, it
     * has the JIT compile SHA-256 (64 blocks are enough to queue it) and the key's curve arithmetic before the
     * real payload (megabytes, for a large closure) is signed: that then took 8-12 ms instead of 35-45 ms
     * (3 MB). A key that cannot sign fails here.
     */
    public static void warmUp(SigningKey key) {
        signRaw(key, new byte[4096]);
    }

    /** Signs the concatenation of {@code parts}: the PAE header, then the payload, without joining them. */
    static byte[] signRaw(SigningKey key, byte[]... parts) {
        try {
            java.security.Signature s = java.security.Signature.getInstance(key.algorithm().signatureAlgorithm());
            s.initSign(key.privateKey());
            for (byte[] part : parts) {
                s.update(part);
            }
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed: " + e.getMessage(), e);
        }
    }

    /** True when {@code sig} is a valid signature of {@code message}; malformed signatures are just invalid. */
    static boolean verifyRaw(PublicKey key, KeyAlgorithm algorithm, byte[] message, byte[] sig) {
        try {
            java.security.Signature s = java.security.Signature.getInstance(algorithm.signatureAlgorithm());
            s.initVerify(key);
            s.update(message);
            return s.verify(sig);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot verify with " + algorithm + ": " + e.getMessage(), e);
        }
    }
}
