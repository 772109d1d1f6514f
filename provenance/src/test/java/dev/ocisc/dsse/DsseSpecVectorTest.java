package dev.ocisc.dsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test vector of the DSSE specification (protocol.md, "Test Vectors"), and the byte-length trap. */
class DsseSpecVectorTest {
    static final String TYPE = "http://example.com/HelloWorld";
    static final BigInteger X = new BigInteger(
            "46950820868899156662930047687818585632848591499744589407958293238635476079160");
    static final BigInteger Y = new BigInteger(
            "5640078356564379163099075877009565129882514886557779369047442380624545832820");
    static final BigInteger D = new BigInteger(
            "97358161215184420915383655311931858321456579547487070936769975997791359926199");
    static final String SPEC_ENVELOPE = "{\"payload\": \"aGVsbG8gd29ybGQ=\",\n"
            + " \"payloadType\": \"http://example.com/HelloWorld\",\n"
            + " \"signatures\": [{\"sig\": \"A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEG"
            + "AHTVeCUjW2JIZA==\"}]}";

    @Test
    void paeOfTheSpecExample() {
        assertEquals("DSSEv1 29 http://example.com/HelloWorld 11 hello world",
                new String(Pae.encode(TYPE, "hello world".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
    }

    @Test
    void paeCountsBytesNotCharacters() {
        // 'é' is 2 bytes, '€' 3, the emoji 4 (and 2 UTF-16 chars): a character count would say 1+1+2.
        byte[] pae = Pae.encode("tÿpe", "é€😀".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(("DSSEv1 5 tÿpe 9 é€😀").getBytes(StandardCharsets.UTF_8), pae);
    }

    @Test
    void specSignatureVerifiesOverOurPae() throws Exception {
        Envelope env = EnvelopeJson.read(new ObjectMapper().readTree(SPEC_ENVELOPE));
        assertEquals(TYPE, env.payloadType());
        assertArrayEquals("hello world".getBytes(StandardCharsets.US_ASCII), env.payload());
        PublicKey pub = KeyFactory.getInstance("EC").generatePublic(
                new ECPublicKeySpec(new ECPoint(X, Y), KeyAlgorithm.P256));
        // The spec's signature is raw r||s; DSSE envelopes of ours (and Sigstore's) carry DER.
        byte[] raw = env.signatures().get(0).sig();
        java.security.Signature p1363 = java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
        p1363.initVerify(pub);
        p1363.update(env.pae());
        assertTrue(p1363.verify(raw));

        Envelope der = new Envelope(env.payloadType(), env.payload(), List.of(new Signature("", Der.fromRaw(raw))));
        assertArrayEquals(env.payload(), new EnvelopeVerifier(pub).verify(der, TYPE));
        Envelope otherBody = new Envelope(TYPE, "hello world!".getBytes(StandardCharsets.US_ASCII), der.signatures());
        VerificationException e = assertThrows(VerificationException.class,
                () -> new EnvelopeVerifier(pub).verify(otherBody, TYPE));
        assertEquals(VerificationStep.SIGNATURE, e.step());
    }

    @Test
    void signingKeyOfTheSpecsKeyPairHasTheSpecsKeyidThroughItsKeyFile() throws Exception {
        PublicKey pub = KeyFactory.getInstance("EC").generatePublic(
                new ECPublicKeySpec(new ECPoint(X, Y), KeyAlgorithm.P256));
        SigningKey k = SigningKey.of(KeyFactory.getInstance("EC").generatePrivate(
                new ECPrivateKeySpec(D, KeyAlgorithm.P256)), pub);
        assertEquals(KeyId.of(pub), k.keyid());
        // Written with its public key inside, the key file alone gives it back.
        assertEquals(KeyId.of(pub), PemKeys.readPrivate(PemKeys.privateKeyPem(k)).keyid());
        Envelope signed = new Signer(k).sign(TYPE, "hello world".getBytes(StandardCharsets.US_ASCII));
        assertEquals(k.keyid(), signed.signatures().get(0).keyid());
        new EnvelopeVerifier(pub).verify(signed, TYPE);
        assertEquals(Base64.getEncoder().encodeToString("hello world".getBytes(StandardCharsets.US_ASCII)),
                new ObjectMapper().readTree(EnvelopeJson.write(signed)).get("payload").asText());
        // The spec's private scalar with another public key is not a key pair.
        PublicKey other = SigningKey.generate(KeyAlgorithm.ECDSA_P256).publicKey();
        assertThrows(IllegalArgumentException.class, () -> SigningKey.of(k.privateKey(), other));
    }

    /** Raw r||s to ASN.1 DER SEQUENCE { INTEGER r, INTEGER s }. */
    static final class Der {
        static byte[] fromRaw(byte[] raw) {
            byte[] r = integer(java.util.Arrays.copyOfRange(raw, 0, 32));
            byte[] s = integer(java.util.Arrays.copyOfRange(raw, 32, 64));
            byte[] out = new byte[2 + r.length + s.length];
            out[0] = 0x30;
            out[1] = (byte) (r.length + s.length);
            System.arraycopy(r, 0, out, 2, r.length);
            System.arraycopy(s, 0, out, 2 + r.length, s.length);
            return out;
        }

        private static byte[] integer(byte[] v) {
            byte[] minimal = new BigInteger(1, v).toByteArray();
            byte[] out = new byte[2 + minimal.length];
            out[0] = 0x02;
            out[1] = (byte) minimal.length;
            System.arraycopy(minimal, 0, out, 2, minimal.length);
            return out;
        }
    }
}
