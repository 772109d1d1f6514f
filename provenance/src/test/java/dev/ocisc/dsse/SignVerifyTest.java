package dev.ocisc.dsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocisc.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignVerifyTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Non-ASCII in the payload: the PAE length differs from the character count. */
    static final byte[] PAYLOAD = "{\"name\":\"Grüße aus Köln – 東京 😀\"}".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void roundTripThroughJsonAndPem(KeyAlgorithm alg) throws Exception {
        SigningKey key = SigningKey.generate(alg);
        SigningKey reread = PemKeys.readPrivate(PemKeys.privateKeyPem(key));
        assertEquals(key.keyid(), reread.keyid(), "public key read from the PKCS#8 file");
        assertEquals(key.keyid(), KeyId.of(PemKeys.readPublic(PemKeys.publicKeyPem(key.publicKey()))));

        Envelope env = new Signer(reread).sign(Envelope.IN_TOTO, PAYLOAD);
        Envelope parsed = EnvelopeJson.read(JSON.readTree(EnvelopeJson.write(env)));
        assertArrayEquals(PAYLOAD, new EnvelopeVerifier(key.publicKey()).verify(parsed, Envelope.IN_TOTO));
        assertTrue(PAYLOAD.length > new String(PAYLOAD, StandardCharsets.UTF_8).length());
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void urlSafeBase64IsAcceptedAndStandardWritten(KeyAlgorithm alg) throws Exception {
        SigningKey key = SigningKey.generate(alg);
        // Bytes that encode to '+' and '/' in the standard alphabet, '-' and '_' in the URL-safe one.
        byte[] payload = new byte[] {(byte) 0xfb, (byte) 0xff, (byte) 0xbf, 'x'};
        Envelope env = new Signer(key).sign("application/octet-stream", payload);
        ObjectNode n = (ObjectNode) JSON.readTree(EnvelopeJson.write(env));
        assertTrue(n.get("payload").asText().contains("+") || n.get("payload").asText().contains("/"));
        n.put("payload", Base64.getUrlEncoder().withoutPadding().encodeToString(payload));
        ObjectNode sig = (ObjectNode) n.get("signatures").get(0);
        sig.put("sig", Base64.getUrlEncoder().withoutPadding().encodeToString(env.signatures().get(0).sig()));
        Envelope back = EnvelopeJson.read(n);
        assertArrayEquals(payload, new EnvelopeVerifier(key.publicKey()).verify(back, "application/octet-stream"));
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void tamperedPayloadIsASignatureFailure(KeyAlgorithm alg) {
        SigningKey key = SigningKey.generate(alg);
        Envelope env = new Signer(key).sign(Envelope.IN_TOTO, PAYLOAD);
        byte[] changed = env.payload();
        changed[changed.length - 3] ^= 1;
        assertEquals(VerificationStep.SIGNATURE,
                failure(key, new Envelope(env.payloadType(), changed, env.signatures())));
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void tamperedSignatureIsASignatureFailure(KeyAlgorithm alg) {
        SigningKey key = SigningKey.generate(alg);
        Envelope env = new Signer(key).sign(Envelope.IN_TOTO, PAYLOAD);
        byte[] sig = env.signatures().get(0).sig();
        sig[sig.length - 1] ^= 1;
        Envelope bad = new Envelope(env.payloadType(), env.payload(),
                List.of(new Signature(key.keyid(), sig)));
        assertEquals(VerificationStep.SIGNATURE, failure(key, bad));
        // Garbage that is not even DER is just as invalid, not an exception.
        Envelope garbage = new Envelope(env.payloadType(), env.payload(),
                List.of(new Signature(key.keyid(), new byte[] {1, 2, 3})));
        assertEquals(VerificationStep.SIGNATURE, failure(key, garbage));
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void tamperedPayloadTypeIsRejectedAsSuch(KeyAlgorithm alg) {
        SigningKey key = SigningKey.generate(alg);
        Envelope env = new Signer(key).sign(Envelope.IN_TOTO, PAYLOAD);
        Envelope bad = new Envelope("application/json", env.payload(), env.signatures());
        assertEquals(VerificationStep.PAYLOAD_TYPE, failure(key, bad));
        // Signed honestly with another type, the signature is fine but the type is still not ours to parse.
        Envelope otherType = new Signer(key).sign("application/json", PAYLOAD);
        assertEquals(VerificationStep.PAYLOAD_TYPE, failure(key, otherType));
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void keyidsAreHintsTheKeyIsTriedOnEverySignature(KeyAlgorithm alg) {
        SigningKey signer = SigningKey.generate(alg);
        SigningKey other = SigningKey.generate(alg);
        assertNotEquals(signer.keyid(), other.keyid());
        byte[] sig = new Signer(signer).sign(Envelope.IN_TOTO, PAYLOAD).signatures().get(0).sig();
        byte[] otherSig = new Signer(other).sign(Envelope.IN_TOTO, PAYLOAD).signatures().get(0).sig();
        // Other tools name keys their own way; none, and a keyid that lies, are no reason to skip a signature.
        for (String keyid : new String[] {"2ce379a1", "", other.keyid()}) {
            Envelope env = new Envelope(Envelope.IN_TOTO, PAYLOAD, List.of(new Signature(keyid, sig)));
            assertArrayEquals(PAYLOAD, new EnvelopeVerifier(signer.publicKey()).verify(env, Envelope.IN_TOTO));
        }
        // Another key's signature that claims our keyid comes first: the key's own signature still verifies.
        Envelope two = new Envelope(Envelope.IN_TOTO, PAYLOAD, List.of(new Signature(signer.keyid(), otherSig),
                new Signature("sslib:release", sig)));
        assertArrayEquals(PAYLOAD, new EnvelopeVerifier(signer.publicKey()).verify(two, Envelope.IN_TOTO));

        // The wrong key fails on the signature; the keyids, ours and the envelope's, are there to explain it.
        Envelope env = new Envelope(Envelope.IN_TOTO, PAYLOAD, List.of(new Signature("2ce379a1", sig),
                new Signature("", sig)));
        VerificationException e = assertThrows(VerificationException.class,
                () -> new EnvelopeVerifier(other.publicKey()).verify(env, Envelope.IN_TOTO));
        assertEquals(VerificationStep.SIGNATURE, e.step());
        assertTrue(e.getMessage().contains(other.keyid()) && e.getMessage().contains("[2ce379a1, (none)]"),
                e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void bundleHintIsTheKeyidWeWrite(KeyAlgorithm alg) throws Exception {
        SigningKey key = SigningKey.generate(alg);
        SigstoreBundle b = SigstoreBundle.of(new Signer(key).sign(Envelope.IN_TOTO, PAYLOAD));
        ObjectNode n = (ObjectNode) JSON.readTree(b.toJson());
        assertEquals(SigstoreBundle.MEDIA_TYPE, n.get("mediaType").asText());
        assertEquals(key.keyid(), n.at("/verificationMaterial/publicKey/hint").asText());
        assertEquals(key.keyid(), n.at("/dsseEnvelope/signatures/0/keyid").asText());
        assertTrue(n.at("/verificationMaterial/tlogEntries").isArray());
        assertEquals(0, n.at("/verificationMaterial/tlogEntries").size());
        assertEquals(key.keyid(), SigstoreBundle.read(n).hint());

        ArrayNode sigs = (ArrayNode) n.at("/dsseEnvelope/signatures");
        sigs.add(sigs.get(0).deepCopy());
        assertThrows(IllegalArgumentException.class, () -> SigstoreBundle.read(n));
    }

    /** A bundle is written in ocisc's one JSON style: {@code "key": value}, two-space indent, LF, final newline. */
    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void bundleIsInTheOneJsonStyle(KeyAlgorithm alg) throws Exception {
        SigningKey key = SigningKey.generate(alg);
        byte[] bytes = SigstoreBundle.of(new Signer(key).sign(Envelope.IN_TOTO, PAYLOAD)).toJson();
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{\n  \"mediaType\": \"" + SigstoreBundle.MEDIA_TYPE + "\",\n"
                + "  \"verificationMaterial\": {\n    \"publicKey\": {\n      \"hint\": \"" + key.keyid() + "\"\n"),
                text);
        assertTrue(text.endsWith("\n}\n") && !text.contains("\r") && !text.contains("\" : "), text);
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        try (var g = Json.generator(rewritten)) {
            JSON.writeTree(g, JSON.readTree(bytes));
        }
        rewritten.write('\n');
        assertArrayEquals(rewritten.toByteArray(), bytes, "the bytes Json.generator writes for the same tree");
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void malformedEnvelopesAreBadInputNotFailures(KeyAlgorithm alg) throws Exception {
        assertThrows(IllegalArgumentException.class, () -> EnvelopeJson.read(JSON.readTree("[]")));
        assertThrows(IllegalArgumentException.class,
                () -> EnvelopeJson.read(JSON.readTree("{\"payloadType\":\"x\",\"signatures\":[]}")));
        assertThrows(IllegalArgumentException.class, () -> EnvelopeJson.read(
                JSON.readTree("{\"payload\":\"*not base64*\",\"payloadType\":\"x\",\"signatures\":[]}")));
        assertThrows(IllegalArgumentException.class, () -> PemKeys.readPublic("hello"));
        assertThrows(IllegalArgumentException.class, () -> PemKeys.readPrivate(
                PemKeys.publicKeyPem(SigningKey.generate(alg).publicKey())));
    }

    private static VerificationStep failure(SigningKey key, Envelope env) {
        return assertThrows(VerificationException.class,
                () -> new EnvelopeVerifier(key.publicKey()).verify(env, Envelope.IN_TOTO)).step();
    }
}
