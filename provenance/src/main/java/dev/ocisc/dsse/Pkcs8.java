package dev.ocisc.dsse;

import java.util.ArrayList;
import java.util.List;

/**
 * The public key inside an EC private key file. RFC 5915's ECPrivateKey may carry its public point in the
 * optional {@code [1] publicKey} field; OpenSSL writes it, the JDK neither writes nor hands it out. Reading it
 * (or a {@code .pub} file) is how ocisc learns a P-256 key's public half: it does no arithmetic on the private
 * scalar itself.
 * <pre>
 * PrivateKeyInfo ::= SEQUENCE { version, privateKeyAlgorithm AlgorithmIdentifier, privateKey OCTET STRING, ... }
 * ECPrivateKey   ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] parameters OPTIONAL,
 *                               [1] publicKey BIT STRING OPTIONAL }
 * </pre>
 */
final class Pkcs8 {
    private Pkcs8() {
    }

    /**
     * The SubjectPublicKeyInfo DER of the public key in an EC PKCS#8 file, or null when its ECPrivateKey has none.
     *
     * @throws IllegalArgumentException when the structure is not PKCS#8 with an ECPrivateKey
     */
    static byte[] ecPublicKey(byte[] pkcs8) {
        List<Der.Element> info = privateKeyInfo(pkcs8);
        for (Der.Element e : ecPrivateKey(info)) {
            if (e.tag() == Der.CONTEXT_1) {
                List<Der.Element> inner = e.children();
                if (inner.size() != 1 || inner.get(0).tag() != Der.BIT_STRING) {
                    throw new IllegalArgumentException("the ECPrivateKey's publicKey is not a BIT STRING");
                }
                // SubjectPublicKeyInfo ::= SEQUENCE { algorithm (the private key's own), subjectPublicKey }
                return Der.encode(Der.SEQUENCE, info.get(1).encoded(), inner.get(0).encoded());
            }
        }
        return null;
    }

    /**
     * {@code pkcs8} with the public key of {@code spki} added to its ECPrivateKey, as OpenSSL writes EC keys, so
     * that the file alone is enough to sign and to name the key. A key that has one already is returned as is.
     */
    static byte[] withEcPublicKey(byte[] pkcs8, byte[] spki) {
        if (ecPublicKey(pkcs8) != null) {
            return pkcs8.clone();
        }
        List<Der.Element> spkiParts = Der.parse(spki).children();
        if (spkiParts.size() != 2 || spkiParts.get(1).tag() != Der.BIT_STRING) {
            throw new IllegalArgumentException("not a SubjectPublicKeyInfo");
        }
        List<Der.Element> info = privateKeyInfo(pkcs8);
        List<byte[]> ec = new ArrayList<>();
        for (Der.Element e : ecPrivateKey(info)) {
            ec.add(e.encoded());
        }
        ec.add(Der.encode(Der.CONTEXT_1, spkiParts.get(1).encoded()));
        byte[] octets = Der.encode(Der.OCTET_STRING, Der.encode(Der.SEQUENCE, ec.toArray(byte[][]::new)));
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < info.size(); i++) {
            out.add(i == 2 ? octets : info.get(i).encoded());
        }
        return Der.encode(Der.SEQUENCE, out.toArray(byte[][]::new));
    }

    private static List<Der.Element> privateKeyInfo(byte[] pkcs8) {
        Der.Element top = Der.parse(pkcs8);
        List<Der.Element> info = top.tag() == Der.SEQUENCE ? top.children() : List.of();
        if (info.size() < 3 || info.get(0).tag() != Der.INTEGER || info.get(1).tag() != Der.SEQUENCE
                || info.get(2).tag() != Der.OCTET_STRING) {
            throw new IllegalArgumentException("not a PKCS#8 PrivateKeyInfo");
        }
        return info;
    }

    private static List<Der.Element> ecPrivateKey(List<Der.Element> info) {
        List<Der.Element> inOctets = info.get(2).children();
        List<Der.Element> ec = inOctets.size() == 1 && inOctets.get(0).tag() == Der.SEQUENCE
                ? inOctets.get(0).children() : List.of();
        if (ec.size() < 2 || ec.get(0).tag() != Der.INTEGER || ec.get(1).tag() != Der.OCTET_STRING) {
            throw new IllegalArgumentException("the PKCS#8 key holds no ECPrivateKey");
        }
        return ec;
    }
}
