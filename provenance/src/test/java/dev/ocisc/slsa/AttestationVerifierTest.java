package dev.ocisc.slsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocisc.dsse.Envelope;
import dev.ocisc.dsse.KeyAlgorithm;
import dev.ocisc.dsse.Signature;
import dev.ocisc.dsse.SignedAttestation;
import dev.ocisc.dsse.Signer;
import dev.ocisc.dsse.SigningKey;
import dev.ocisc.dsse.VerificationException;
import dev.ocisc.dsse.VerificationStep;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statement-level checks of the release gate, each failing with its own reason. */
class AttestationVerifierTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String BUILDER = "https://example.org/builder";
    static SigningKey key;
    static byte[] payload;
    static SortedMap<String, String> outDigest;

    @BeforeAll
    static void sign() {
        key = SigningKey.generate(KeyAlgorithm.ECDSA_P256);
        Statement s = NixProvenanceTest.statement(NixProvenanceTest.DRV, false);
        payload = StatementJson.write(s, false);
        outDigest = ArtifactDigest.of(TestData.nixStore().resolve(NixProvenanceTest.OUT.substring(1)));
    }

    static SignedAttestation signed(byte[] bytes) {
        return new SignedAttestation(new Signer(key).sign(Envelope.IN_TOTO, bytes), null, "test");
    }

    /** The statement changed by {@code edit}, then signed honestly: only the statement checks can catch it. */
    static SignedAttestation edited(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode n = (ObjectNode) JSON.readTree(payload);
        edit.accept(n);
        return signed(JSON.writeValueAsBytes(n));
    }

    static VerificationStep failure(SignedAttestation a, Expectations e) {
        return assertThrows(VerificationException.class, () -> new AttestationVerifier(key.publicKey(), e).verify(a))
                .step();
    }

    static Expectations expect(SortedMap<String, String> digest, String builder, Policy policy) {
        return new Expectations(digest == null ? null : List.of(digest), builder, null, policy);
    }

    @Test
    void verifiesAndNamesTheMatchingSubject() {
        VerifiedProvenance v = new AttestationVerifier(key.publicKey(), expect(outDigest, BUILDER, null))
                .verify(signed(payload));
        assertEquals(NixProvenanceTest.OUT, v.matchedSubject());
        assertEquals(BUILDER, v.builderId());
        assertEquals(key.keyid(), v.keyid());
        // The NAR hash is a digest a verifier can reproduce too (nix-store --dump | sha256sum).
        assertEquals(2, v.subjects().size());
        new AttestationVerifier(key.publicKey(), expect(new TreeMap<>(Map.of(NixProvenance.NAR_SHA256,
                "2997cd722d05c3d6b204e7533ad0bf0da6e8cc3d3bbf3f49379b91d227eab060")), null, null))
                .verify(signed(payload));
    }

    @Test
    void subjectDigest() {
        SortedMap<String, String> other = new TreeMap<>(Map.of("sha256", "ab".repeat(32)));
        assertEquals(VerificationStep.SUBJECT, failure(signed(payload), expect(other, null, null)));
        // md5 is never accepted, even when it would match
        assertEquals(VerificationStep.SUBJECT, failure(signed(payload),
                expect(new TreeMap<>(Map.of("md5", "00")), null, null)));
    }

    @Test
    void builderIdAndBuildType() {
        assertEquals(VerificationStep.BUILDER_ID,
                failure(signed(payload), expect(null, "https://evil.example/builder", null)));
        assertEquals(VerificationStep.BUILD_TYPE, failure(signed(payload),
                new Expectations(null, null, "https://example.org/other-type", null)));
    }

    @Test
    void predicateTypeAndStatementType() throws Exception {
        assertEquals(VerificationStep.PREDICATE_TYPE, failure(edited(n -> n.put("predicateType",
                "https://slsa.dev/provenance/v0.2")), expect(null, null, null)));
        assertEquals(VerificationStep.STATEMENT,
                failure(edited(n -> n.put("_type", "https://in-toto.io/Statement/v0.1")),
                        expect(null, null, null)));
        assertEquals(VerificationStep.STATEMENT, failure(signed("not json".getBytes()), expect(null, null, null)));
    }

    @Test
    void policy(@TempDir Path tmp) throws Exception {
        Path p = tmp.resolve("policy.json");
        Files.writeString(p, "{\"allowed_builder_ids\": {\"" + key.keyid() + "\": [\"" + BUILDER + "\"]},"
                + " \"required_external_parameters\": {\"attribute\": \"greeter\", \"derivation\": null},"
                + " \"allowed_external_parameters\": [\"attribute\", \"derivation\"]}");
        new AttestationVerifier(key.publicKey(), expect(outDigest, null, Policy.read(p))).verify(signed(payload));

        Files.writeString(p, "{\"allowed_builder_ids\": {\"*\": [\"https://ci.example/only\"]}}");
        assertEquals(VerificationStep.POLICY, failure(signed(payload), expect(null, null, Policy.read(p))));
        Files.writeString(p, "{\"required_external_parameters\": {\"attribute\": \"other\"}}");
        assertEquals(VerificationStep.POLICY, failure(signed(payload), expect(null, null, Policy.read(p))));
        Files.writeString(p, "{\"allowed_external_parameters\": [\"derivation\"]}");
        VerificationException e = assertThrows(VerificationException.class, () ->
                new AttestationVerifier(key.publicKey(), expect(null, null, Policy.read(p))).verify(signed(payload)));
        assertTrue(e.getMessage().contains("[attribute]"), e.getMessage());

        Files.writeString(p, "{\"builderId\": {}}");
        InvalidInputException typo = assertThrows(InvalidInputException.class, () -> Policy.read(p));
        assertTrue(typo.getMessage().contains("builderId"));
    }

    @Test
    void signatureIsCheckedBeforeAnythingIsParsed() throws Exception {
        // A payload changed after signing must fail on the signature, not on what the changed payload says.
        SignedAttestation good = signed(payload);
        ObjectNode n = (ObjectNode) JSON.readTree(payload);
        n.put("predicateType", "x");
        Envelope forged = new Envelope(Envelope.IN_TOTO, JSON.writeValueAsBytes(n), good.envelope().signatures());
        assertEquals(VerificationStep.SIGNATURE,
                failure(new SignedAttestation(forged, null, "t"), expect(null, null, null)));
    }

    @Test
    void theKeyThatVerifiesPicksThePolicyRulesNotTheKeyidClaimed(@TempDir Path tmp) throws Exception {
        Envelope ours = new Signer(key).sign(Envelope.IN_TOTO, payload);
        byte[] sig = ours.signatures().get(0).sig();
        String claimed = "746fe2320807a7c5f5159a80011ad102362cc66e47e920a8c29f3bbe02ece82c";
        SignedAttestation relabelled = new SignedAttestation(new Envelope(Envelope.IN_TOTO, payload,
                List.of(new Signature(claimed, sig))), null, "t");
        Path p = tmp.resolve("policy.json");
        Files.writeString(p, "{\"allowed_builder_ids\": {\"" + key.keyid() + "\": [\"" + BUILDER + "\"]}}");
        assertEquals(key.keyid(), new AttestationVerifier(key.publicKey(), expect(null, null, Policy.read(p)))
                .verify(relabelled).keyid());
        // Rules written for the keyid an envelope claims do not apply: the claim is not signed.
        Files.writeString(p, "{\"allowed_builder_ids\": {\"" + claimed + "\": [\"" + BUILDER + "\"]}}");
        assertEquals(VerificationStep.POLICY, failure(relabelled, expect(null, null, Policy.read(p))));
    }

    @Test
    void aBundleVerifiesByItsKeyWhateverItsHintSays() {
        Envelope env = new Signer(key).sign(Envelope.IN_TOTO, payload);
        new AttestationVerifier(key.publicKey(), expect(outDigest, BUILDER, null))
                .verify(new SignedAttestation(env, "another tool's name for the key", "bundle"));
        SigningKey other = SigningKey.generate(KeyAlgorithm.ECDSA_P256);
        VerificationException e = assertThrows(VerificationException.class, () -> new AttestationVerifier(
                other.publicKey(), expect(null, null, null)).verify(new SignedAttestation(env, "h1nt", "bundle")));
        assertEquals(VerificationStep.SIGNATURE, e.step());
        assertTrue(e.getMessage().contains(other.keyid()) && e.getMessage().contains(key.keyid())
                && e.getMessage().contains("h1nt"), e.getMessage());
    }
}
