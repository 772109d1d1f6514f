package dev.ocisc.slsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.dsse.AttestationFile;
import dev.ocisc.dsse.Envelope;
import dev.ocisc.dsse.EnvelopeJson;
import dev.ocisc.dsse.KeyAlgorithm;
import dev.ocisc.dsse.SignedAttestation;
import dev.ocisc.dsse.Signer;
import dev.ocisc.dsse.SigningKey;
import dev.ocisc.dsse.SigstoreBundle;
import dev.ocisc.dsse.VerificationException;
import dev.ocisc.dsse.VerificationStep;
import dev.ocisc.failure.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents that a last-wins reader (ocisc, before) and a first-wins reader (another consumer) would read
 * differently: a forger puts their value first and the genuine one last. Each is refused, never verified: the
 * files ocisc is given as bad input, the signed statement as "not verified".
 */
class AmbiguousJsonTest {
    static final String BUILDER = "https://example.org/builder";
    static SigningKey key;
    static String genuine;
    static String forged;

    @TempDir
    Path dir;

    @BeforeAll
    static void sign() {
        key = SigningKey.generate(KeyAlgorithm.ECDSA_P256);
        genuine = new String(StatementJson.write(NixProvenanceTest.statement(NixProvenanceTest.DRV, false), false),
                StandardCharsets.UTF_8);
        forged = genuine.replace(BUILDER, "https://evil.example/builder");
        assertTrue(!forged.equals(genuine) && genuine.contains(BUILDER));
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The genuine statement's envelope, signed honestly, as ocisc writes it on one line. */
    static String envelope(String statement) {
        return new String(EnvelopeJson.write(new Signer(key).sign(Envelope.IN_TOTO,
                statement.getBytes(StandardCharsets.UTF_8))), StandardCharsets.UTF_8);
    }

    static VerifiedProvenance verify(String statement) {
        return verify(new Signer(key).sign(Envelope.IN_TOTO, statement.getBytes(StandardCharsets.UTF_8)));
    }

    static VerifiedProvenance verify(Envelope env) {
        return new AttestationVerifier(key.publicKey(), new Expectations(null, null, null, Policy.none()))
                .verify(new SignedAttestation(env, null, "test"));
    }

    String refused(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AttestationFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void theGenuineEnvelopeAndBundleVerify() throws Exception {
        Path f = dir.resolve("ok.intoto.jsonl");
        Files.writeString(f, envelope(genuine) + "\n" + envelope(genuine) + "\n");
        List<SignedAttestation> read = AttestationFile.read(f);
        assertEquals(List.of(f + ":1", f + ":2"), read.stream().map(SignedAttestation::where).toList());
        assertEquals(BUILDER, verify(read.get(0).envelope()).builderId());
        Path b = dir.resolve("ok.sigstore.json");
        Files.write(b, SigstoreBundle.of(new Signer(key).sign(Envelope.IN_TOTO,
                genuine.getBytes(StandardCharsets.UTF_8))).toJson());
        assertEquals(List.of(b.toString()), AttestationFile.read(b).stream().map(SignedAttestation::where).toList());
        assertEquals(BUILDER, verify(AttestationFile.read(b).get(0).envelope()).builderId());
    }

    @Test
    void anEnvelopeWithPayloadTwiceIsADuplicateKey() throws Exception {
        String env = envelope(genuine);
        String twice = env.replace("{\"payload\":", "{\"payload\":\"" + b64(forged) + "\",\"payload\":");
        String m = refused("twice.intoto.jsonl", twice + "\n");
        assertTrue(m.contains(": duplicate key 'payload' (line 1, column "), m);
        // The same pretty-printed, and as the second line of a JSON Lines file.
        assertTrue(refused("pretty.json", twice.replace(",\"", ",\n  \"")).contains("duplicate key 'payload' (line 2"));
        assertTrue(refused("second.intoto.jsonl", env + "\n" + twice + "\n")
                .contains("duplicate key 'payload' (line 2"));
    }

    @Test
    void anEnvelopeWithPayloadTypeTwiceIsADuplicateKey() throws Exception {
        String twice = envelope(genuine).replace("\"payloadType\":",
                "\"payloadType\":\"application/vnd.evil+json\",\"payloadType\":");
        assertTrue(refused("type.intoto.jsonl", twice).contains("duplicate key 'payloadType'"));
        // keyid and sig are read from the file too
        String sig = envelope(genuine).replace("{\"keyid\":", "{\"keyid\":\"x\",\"keyid\":");
        assertTrue(refused("keyid.intoto.jsonl", sig).contains("duplicate key 'keyid'"));
    }

    @Test
    void aBundleWithDuplicatesIsRefused() throws Exception {
        String bundle = new String(SigstoreBundle.of(new Signer(key).sign(Envelope.IN_TOTO,
                genuine.getBytes(StandardCharsets.UTF_8))).toJson(), StandardCharsets.UTF_8);
        String forgedEnvelope = envelope(forged);
        String twoEnvelopes = insertBefore(bundle, "\"dsseEnvelope\": ",
                "\"dsseEnvelope\": " + forgedEnvelope + ",\n  ");
        assertTrue(refused("envelopes.sigstore.json", twoEnvelopes).contains("duplicate key 'dsseEnvelope'"));
        String twoHints = insertBefore(bundle, "\"hint\": ", "\"hint\": \"" + "0".repeat(64) + "\", ");
        assertTrue(refused("hints.sigstore.json", twoHints).contains("duplicate key 'hint'"));
        String twoTypes = insertBefore(bundle, "\"mediaType\": ",
                "\"mediaType\": \"application/vnd.dev.sigstore.bundle.v0.1+json\", ");
        assertTrue(refused("types.sigstore.json", twoTypes).contains("duplicate key 'mediaType'"));
    }

    /**
     * {@code text} with {@code extra} put before the one {@code key} it holds, written as ocisc's JSON style
     * writes a field ({@code "key": value}); fails rather than return the bundle unchanged.
     */
    static String insertBefore(String text, String key, String extra) {
        int at = text.indexOf(key);
        assertTrue(at >= 0 && text.indexOf(key, at + 1) < 0, "one '" + key + "' in:\n" + text);
        return text.substring(0, at) + extra + text.substring(at);
    }

    @Test
    void trailingDataAfterAnEnvelopeIsRefused() throws Exception {
        String pretty = envelope(genuine).replace(",\"", ",\n  \"");
        assertTrue(refused("junk.json", pretty + "\n}junk").contains("invalid JSON"));
    }

    @Test
    void aCorrectlySignedStatementWithADuplicateKeyIsNotVerified() {
        assertEquals(BUILDER, verify(genuine).builderId());
        // The forger's builder first, the genuine one last: all signed by the real key, as a signer that embeds
        // what it is given might.
        String twoPredicates = genuine.replace(",\"predicate\":",
                ",\"predicate\":" + forged.substring(forged.indexOf("\"predicate\":") + 12, forged.length() - 1)
                        + ",\"predicate\":");
        VerificationException e = assertThrows(VerificationException.class, () -> verify(twoPredicates));
        assertEquals(VerificationStep.STATEMENT, e.step());
        assertTrue(e.getMessage().startsWith("statement: the signed payload: duplicate key 'predicate' (line 1, "),
                e.getMessage());
        String twoSubjects = genuine.replace("\"subject\":", "\"subject\":[],\"subject\":");
        assertTrue(assertThrows(VerificationException.class, () -> verify(twoSubjects)).getMessage()
                .contains("duplicate key 'subject'"));
    }

    @Test
    void aCorrectlySignedStatementWithTrailingBytesIsNotVerified() {
        for (String tail : List.of("\n{\"_type\":\"https://in-toto.io/Statement/v1\"}", "garbage", "]", "\u0000")) {
            VerificationException e = assertThrows(VerificationException.class, () -> verify(genuine + tail));
            assertEquals(VerificationStep.STATEMENT, e.step());
            assertTrue(e.getMessage().startsWith("statement: the signed payload: trailing data after the JSON value"),
                    e.getMessage());
        }
        // Whitespace after the value is no data.
        assertEquals(BUILDER, verify(genuine + "\n").builderId());
    }

    @Test
    void aPolicyWithBuilderIdsTwiceIsADuplicateKey() throws Exception {
        Path p = dir.resolve("policy.json");
        Files.writeString(p, "{\"allowed_builder_ids\": {\"*\": [\"https://ci.example/only\"]},\n"
                + " \"allowed_builder_ids\": {\"*\": [\"" + BUILDER + "\", \"https://evil.example/builder\"]}}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Policy.read(p));
        assertEquals(p + ": duplicate key 'allowed_builder_ids' (line 2, column 23)", e.getMessage());
        Files.writeString(p, "{\"allowed_builder_ids\": {\"*\": [\"https://ci.example/only\"], \"*\": [\"" + BUILDER
                + "\"]}}");
        assertTrue(assertThrows(InvalidInputException.class, () -> Policy.read(p)).getMessage()
                .contains("duplicate key '*'"));
        Files.writeString(p, "{\"allowed_build_types\": []} {\"allowed_build_types\": null}");
        assertTrue(assertThrows(InvalidInputException.class, () -> Policy.read(p)).getMessage()
                .contains("trailing data"));
    }
}
