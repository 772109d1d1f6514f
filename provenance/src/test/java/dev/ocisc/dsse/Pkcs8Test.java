package dev.ocisc.dsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The public key in an EC PKCS#8 file: added as OpenSSL writes it, found again, and bounded on bad input. */
class Pkcs8Test {
    @Test
    void publicKeyIsAddedToTheJdksEncodingAndFoundAgain() throws Exception {
        SigningKey key = SigningKey.generate(KeyAlgorithm.ECDSA_P256);
        byte[] jdk = key.privateKey().getEncoded();
        assertNull(Pkcs8.ecPublicKey(jdk), "the JDK writes no public key");
        byte[] with = Pkcs8.withEcPublicKey(jdk, key.publicKey().getEncoded());
        assertArrayEquals(key.publicKey().getEncoded(), Pkcs8.ecPublicKey(with));
        assertArrayEquals(with, Pkcs8.withEcPublicKey(with, key.publicKey().getEncoded()), "added once only");
        // The JDK still reads the private key from it, unchanged.
        ECPrivateKey back = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(with));
        assertEquals(((ECPrivateKey) key.privateKey()).getS(), back.getS());
        assertEquals(key.keyid(), PemKeys.readPrivate(PemKeys.privateKeyPem(key)).keyid());
    }

    @Test
    void malformedDerIsRefusedNeverReadPastItsEnd() {
        SigningKey key = SigningKey.generate(KeyAlgorithm.ECDSA_P256);
        byte[] good = Pkcs8.withEcPublicKey(key.privateKey().getEncoded(), key.publicKey().getEncoded());
        // Every truncation and every value of every byte: a public key, none, or IllegalArgumentException.
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThrows(IllegalArgumentException.class, () -> Pkcs8.ecPublicKey(cut), "truncated to " + n);
        }
        for (int i = 0; i < good.length; i++) {
            for (int v = 0; v < 256; v++) {
                byte[] bad = good.clone();
                bad[i] = (byte) v;
                try {
                    Pkcs8.ecPublicKey(bad);
                } catch (IllegalArgumentException expected) {
                    // refused with a reason
                }
            }
        }
        // BER's indefinite length, lengths past the end or of 4 bytes, multi-byte tags.
        for (String hex : new String[] {"3080020100", "30050201", "3084000000030201", "1f0100", ""}) {
            byte[] der = java.util.HexFormat.of().parseHex(hex);
            assertThrows(IllegalArgumentException.class, () -> Pkcs8.ecPublicKey(der), hex);
        }
    }

    @Test
    void lengthsAreWrittenInTheirShortestForm() {
        assertArrayEquals(new byte[] {0x04, 0}, Der.encode(Der.OCTET_STRING));
        assertEquals(2 + 127, Der.encode(Der.OCTET_STRING, new byte[127]).length);
        byte[] long1 = Der.encode(Der.OCTET_STRING, new byte[128]);
        assertArrayEquals(new byte[] {0x04, (byte) 0x81, (byte) 0x80}, Arrays.copyOf(long1, 3));
        byte[] long2 = Der.encode(Der.OCTET_STRING, new byte[256]);
        assertArrayEquals(new byte[] {0x04, (byte) 0x82, 1, 0}, Arrays.copyOf(long2, 4));
        assertEquals(256, Der.parse(long2).end() - Der.parse(long2).valueStart());
    }
}
