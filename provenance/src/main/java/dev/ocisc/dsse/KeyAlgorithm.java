package dev.ocisc.dsse;

import dev.ocisc.failure.UsageException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Locale;

/** The signature schemes ocisc signs and verifies with, and their JCA names. */
public enum KeyAlgorithm {
    /** ECDSA on NIST P-256 with SHA-256; signatures are ASN.1 DER, as DSSE, Sigstore and openssl expect. */
    ECDSA_P256("ecdsa-p256", "EC", "SHA256withECDSA"),
    ED25519("ed25519", "Ed25519", "Ed25519");

    /** The JDK's own description of P-256, which EC keys are compared with. */
    static final ECParameterSpec P256 = p256();

    private final String cliName;
    private final String keyFactory;
    private final String signature;

    KeyAlgorithm(String cliName, String keyFactory, String signature) {
        this.cliName = cliName;
        this.keyFactory = keyFactory;
        this.signature = signature;
    }

    public String cliName() {
        return cliName;
    }

    public String keyFactory() {
        return keyFactory;
    }

    public String signatureAlgorithm() {
        return signature;
    }

    /** The algorithm a user named ({@code keygen --algorithm}); any other name is a usage error. */
    public static KeyAlgorithm byName(String name) {
        for (KeyAlgorithm a : values()) {
            if (a.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new UsageException("unknown key algorithm '" + name + "' (ecdsa-p256, ed25519)");
    }

    /** The algorithm of a public or private key; only P-256 curves and Ed25519 are accepted. */
    public static KeyAlgorithm of(Key key) {
        if (key instanceof ECKey ec) {
            if (!isP256(ec.getParams())) {
                throw new IllegalArgumentException("EC key is not on P-256");
            }
            return ECDSA_P256;
        }
        if (key instanceof EdECKey ed && ed.getParams().getName().equalsIgnoreCase("Ed25519")) {
            return ED25519;
        }
        throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm()
                + " (ECDSA P-256 or Ed25519 expected)");
    }

    static boolean isP256(ECParameterSpec s) {
        return s.getOrder().equals(P256.getOrder()) && s.getGenerator().equals(P256.getGenerator())
                && s.getCurve().equals(P256.getCurve());
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec("secp256r1"));
            return params.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks secp256r1", e);
        }
    }
}
