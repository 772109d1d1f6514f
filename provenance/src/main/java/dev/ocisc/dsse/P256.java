package dev.ocisc.dsse;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;

/**
 * The NIST P-256 curve. A PKCS#8 EC key need not carry its public point (the JDK writes none), and the JDK has
 * no API to derive it, so signing with a private key file alone needs this one scalar multiplication: the
 * public key gives the envelope's keyid and the bundle's hint.
 */
final class P256 {
    static final ECParameterSpec SPEC = spec();
    private static final BigInteger P = ((ECFieldFp) SPEC.getCurve().getField()).getP();
    private static final BigInteger A = SPEC.getCurve().getA();

    private P256() {
    }

    private static ECParameterSpec spec() {
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec("secp256r1"));
            return params.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks secp256r1", e);
        }
    }

    static boolean isP256(ECParameterSpec s) {
        return s.getOrder().equals(SPEC.getOrder()) && s.getGenerator().equals(SPEC.getGenerator())
                && s.getCurve().equals(SPEC.getCurve());
    }

    /**
     * {@code d·G}: the public point of private scalar {@code d}. Jacobian coordinates, so that the only modular
     * inverse is the final one (a cold JVM spends ~100 ms on 384 affine inverses). Not constant-time: it runs
     * once per signing run, on a key the caller already holds in memory.
     */
    static ECPoint publicPoint(BigInteger d) {
        if (d.signum() <= 0 || d.compareTo(SPEC.getOrder()) >= 0) {
            throw new IllegalArgumentException("private scalar out of range");
        }
        BigInteger[] g = {SPEC.getGenerator().getAffineX(), SPEC.getGenerator().getAffineY(), BigInteger.ONE};
        BigInteger[] r = null;
        for (int i = d.bitLength() - 1; i >= 0; i--) {
            if (r != null) {
                r = twice(r);
            }
            if (d.testBit(i)) {
                r = r == null ? g : add(r, g);
            }
        }
        BigInteger zInv = r[2].modInverse(P);
        BigInteger zInv2 = zInv.multiply(zInv).mod(P);
        return new ECPoint(r[0].multiply(zInv2).mod(P), r[1].multiply(zInv2).multiply(zInv).mod(P));
    }

    /** Doubling in Jacobian coordinates (dbl-2007-bl). */
    private static BigInteger[] twice(BigInteger[] p) {
        BigInteger xx = p[0].pow(2).mod(P);
        BigInteger yy = p[1].pow(2).mod(P);
        BigInteger yyyy = yy.pow(2).mod(P);
        BigInteger zz = p[2].pow(2).mod(P);
        BigInteger s = p[0].add(yy).pow(2).subtract(xx).subtract(yyyy).shiftLeft(1).mod(P);
        BigInteger m = xx.multiply(BigInteger.valueOf(3)).add(A.multiply(zz.pow(2))).mod(P);
        BigInteger x3 = m.pow(2).subtract(s.shiftLeft(1)).mod(P);
        BigInteger y3 = m.multiply(s.subtract(x3)).subtract(yyyy.shiftLeft(3)).mod(P);
        BigInteger z3 = p[1].add(p[2]).pow(2).subtract(yy).subtract(zz).mod(P);
        return new BigInteger[] {x3, y3, z3};
    }

    /** Addition in Jacobian coordinates (add-2007-bl); falls back to doubling for equal points. */
    private static BigInteger[] add(BigInteger[] p, BigInteger[] q) {
        BigInteger z1z1 = p[2].pow(2).mod(P);
        BigInteger z2z2 = q[2].pow(2).mod(P);
        BigInteger u1 = p[0].multiply(z2z2).mod(P);
        BigInteger u2 = q[0].multiply(z1z1).mod(P);
        BigInteger s1 = p[1].multiply(q[2]).multiply(z2z2).mod(P);
        BigInteger s2 = q[1].multiply(p[2]).multiply(z1z1).mod(P);
        BigInteger h = u2.subtract(u1).mod(P);
        BigInteger rr = s2.subtract(s1).shiftLeft(1).mod(P);
        if (h.signum() == 0) {
            if (rr.signum() == 0) {
                return twice(p);
            }
            throw new IllegalStateException("point at infinity: the scalar is a multiple of the order");
        }
        BigInteger i = h.shiftLeft(1).pow(2).mod(P);
        BigInteger j = h.multiply(i).mod(P);
        BigInteger v = u1.multiply(i).mod(P);
        BigInteger x3 = rr.pow(2).subtract(j).subtract(v.shiftLeft(1)).mod(P);
        BigInteger y3 = rr.multiply(v.subtract(x3)).subtract(s1.multiply(j).shiftLeft(1)).mod(P);
        BigInteger z3 = p[2].add(q[2]).pow(2).subtract(z1z1).subtract(z2z2).multiply(h).mod(P);
        return new BigInteger[] {x3, y3, z3};
    }
}
