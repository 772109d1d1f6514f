package dev.ocisc.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.diff.DiffOptions;
import dev.ocisc.dsse.Envelope;
import dev.ocisc.dsse.EnvelopeJson;
import dev.ocisc.dsse.KeyAlgorithm;
import dev.ocisc.dsse.PemKeys;
import dev.ocisc.dsse.Signer;
import dev.ocisc.dsse.SigningKey;
import dev.ocisc.dsse.SigstoreBundle;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.slsa.Policy;
import dev.ocisc.slsa.Provenance;
import dev.ocisc.slsa.Statement;
import dev.ocisc.slsa.StatementJson;
import dev.ocisc.slsa.Subject;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify image with an attestation: statements made by the provenance module about images made by umoci
 * (testdata/diff/make-image-pairs.sh), signed with keys made by the provenance module and by openssl. The
 * manifest digests are read from the layouts' index.json and checked against the blob's sha256, not asked of
 * the oci module.
 */
class ImageGateAttestationTest {
    private static final String CI = "https://ci.example/builders/nix";

    @TempDir
    static Path dir;
    static String manifestA;
    static String manifestB;
    static SigningKey opensslKey;

    @BeforeAll
    static void make() throws Exception {
        for (String tool : List.of("umoci", "skopeo", "tar", "gzip", "zstd", "python3", "openssl")) {
            Tools.require(tool);
        }
        Tools.check(null, "bash", TestData.path("diff/make-image-pairs.sh").toString(), dir.toString());
        manifestA = manifest(dir.resolve("gate.a"));
        manifestB = manifest(dir.resolve("gate.b"));
        assertFalse(manifestA.equals(manifestB));
        Tools.check(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
                "openssl.pem");
        opensslKey = PemKeys.readPrivate(Files.readString(dir.resolve("openssl.pem")));
        Tools.check(dir, "openssl", "pkey", "-in", "openssl.pem", "-pubout", "-out", "openssl.pub");
    }

    /** The single manifest of a layout, as index.json names it; its blob must hash to that digest. */
    private static String manifest(Path layout) throws Exception {
        String digest = new ObjectMapper().readTree(layout.resolve("index.json").toFile()).get("manifests").get(0)
                .get("digest").asText();
        String hex = digest.substring("sha256:".length());
        byte[] blob = Files.readAllBytes(layout.resolve("blobs/sha256").resolve(hex));
        assertEquals(hex, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob)));
        return hex;
    }

    private static byte[] statement(String manifestHex, String builderId) {
        TreeMap<String, String> digest = new TreeMap<>(Map.of("sha256", manifestHex));
        Provenance p = new Provenance("https://ocisc.dev/buildtypes/nix/v1", new TreeMap<>(Map.of("image", "gate")),
                new TreeMap<>(), List.of(), builderId, new TreeMap<>(), null, null, null);
        return StatementJson.write(new Statement(List.of(new Subject("gate", digest)), p), false);
    }

    private static Path envelope(String name, SigningKey key, String manifestHex, String builderId) throws Exception {
        Envelope env = new Signer(key).sign(Envelope.IN_TOTO, statement(manifestHex, builderId));
        Path f = dir.resolve(name);
        Files.write(f, EnvelopeJson.write(env));
        return f;
    }

    private static GateReport gate(Path attestation, java.security.PublicKey key, String policy) throws Exception {
        Path p = dir.resolve("policy-" + attestation.getFileName() + ".json");
        Files.writeString(p, policy);
        return new ImageGate(ReadOptions.defaults(), DiffOptions.DEFAULT).check(dir.resolve("gate.a"), null,
                new Attestation(attestation, key), Policy.read(p), null);
    }

    private static String allow(String... ids) {
        return "{\"allowed_builder_ids\":[\"" + String.join("\",\"", ids) + "\"]}";
    }

    private static List<String> results(GateReport r) {
        return r.checks().stream().map(c -> c.id() + "=" + (c.passed() ? "pass" : "fail")).toList();
    }

    @Test
    void aSignedAttestationOfThisImageFromAnAllowedBuilderPasses() throws Exception {
        SigningKey key = SigningKey.generate(KeyAlgorithm.ECDSA_P256);
        GateReport r = gate(envelope("ok.intoto.jsonl", key, manifestA, CI), key.publicKey(), allow(CI));
        assertEquals(List.of("signature=pass", "subject=pass", "builder=pass"), results(r), r.checks()::toString);
        assertTrue(r.passed());
        assertEquals("sha256:" + manifestA, r.manifestDigest());
        assertTrue(r.checks().get(0).summary().contains(key.keyid()), r.checks().get(0).summary());
        assertTrue(r.checks().get(1).items().contains("image digest sha256:" + manifestA), r.checks()::toString);
    }

    /** The policy's rules on the provenance beyond the builder id are the attest verify ones, in the builder row. */
    @Test
    void theBuildTypeAndParameterRulesOfThePolicyApplyToo() throws Exception {
        SigningKey key = SigningKey.generate(KeyAlgorithm.ECDSA_P256);
        Path env = envelope("types.intoto.jsonl", key, manifestA, CI);
        GateReport other = gate(env, key.publicKey(), "{\"allowed_builder_ids\": {\"" + key.keyid() + "\": [\""
                + CI + "\"]}, \"allowed_build_types\": [\"https://other.example/type\"]}");
        assertEquals(List.of("signature=pass", "subject=pass", "builder=fail"), results(other),
                other.checks()::toString);
        assertEquals("build type https://ocisc.dev/buildtypes/nix/v1 is not allowed (allowed: "
                + "[https://other.example/type])", other.checks().get(2).summary());
        GateReport params = gate(env, key.publicKey(), "{\"required_external_parameters\": {\"image\": \"gate\"}, "
                + "\"allowed_external_parameters\": [\"image\"]}");
        assertEquals(List.of("signature=pass", "subject=pass", "builder=pass"), results(params),
                params.checks()::toString);
        GateReport otherKey = gate(env, key.publicKey(), "{\"allowed_builder_ids\": {\"0000\": [\"" + CI + "\"]}}");
        assertEquals("builder id '" + CI + "' is not in allowed_builder_ids for key " + key.keyid(),
                otherKey.checks().get(2).summary());
    }

    @Test
    void aSigstoreBundleSignedWithAnOpensslKeyPasses() throws Exception {
        Envelope env = new Signer(opensslKey).sign(Envelope.IN_TOTO, statement(manifestA, CI));
        Path f = dir.resolve("ok.sigstore.json");
        Files.write(f, SigstoreBundle.of(env).toJson());
        var pub = PemKeys.readPublic(Files.readString(dir.resolve("openssl.pub")));
        GateReport r = gate(f, pub, allow("https://other.example", CI));
        assertEquals(List.of("signature=pass", "subject=pass", "builder=pass"), results(r), r.checks()::toString);
    }

    @Test
    void anEd25519KeyWithoutBuilderRuleChecksSignatureAndSubjectOnly() throws Exception {
        SigningKey key = SigningKey.generate(KeyAlgorithm.ED25519);
        GateReport r = gate(envelope("ed.intoto.jsonl", key, manifestA, CI), key.publicKey(), "{}");
        assertEquals(List.of("signature=pass", "subject=pass"), results(r));
    }

    @Test
    void theWrongKeyFailsTheSignatureAndLeavesNothingVerified() throws Exception {
        SigningKey signer = SigningKey.generate(KeyAlgorithm.ECDSA_P256);
        var other = PemKeys.readPublic(Files.readString(dir.resolve("openssl.pub")));
        GateReport r = gate(envelope("wrongkey.intoto.jsonl", signer, manifestA, CI), other, allow(CI));
        assertEquals(List.of("signature=fail", "subject=fail", "builder=fail"), results(r), r.checks()::toString);
        assertTrue(r.checks().get(0).summary().contains("not verified with key " + opensslKey.keyid()),
                r.checks().get(0).summary());
        assertTrue(r.checks().get(1).summary().startsWith("not checked"), r.checks().get(1).summary());
        assertEquals("no verified attestation, so the builder is unknown", r.checks().get(2).summary());
    }

    @Test
    void aPayloadChangedAfterSigningFailsTheSignature() throws Exception {
        SigningKey key = SigningKey.generate(KeyAlgorithm.ECDSA_P256);
        Envelope good = new Signer(key).sign(Envelope.IN_TOTO, statement(manifestA, CI));
        // Another builder id under the original signature: what a forger would try.
        Envelope forged = new Envelope(Envelope.IN_TOTO, statement(manifestA, "https://evil.example"),
                good.signatures());
        Path f = dir.resolve("forged.intoto.jsonl");
        Files.write(f, EnvelopeJson.write(forged));
        GateReport r = gate(f, key.publicKey(), allow(CI));
        assertEquals(List.of("signature=fail", "subject=fail", "builder=fail"), results(r), r.checks()::toString);
        assertTrue(r.checks().get(0).summary().contains("signature:"), r.checks().get(0).summary());
    }

    /**
     * A docker-archive has no manifest: its bytes are its only identity. Named through a link (Nix's ./result),
     * the bytes are the target's, as sha256sum computes them.
     */
    @Test
    void anArchiveNamedThroughASymlinkIsKnownByItsBytes() throws Exception {
        Path archive = dir.resolve("linked.docker.tar");
        Tools.check(dir, "skopeo", "copy", "-q", "oci:" + dir.resolve("gate.a"), "docker-archive:" + archive
                + ":gate:latest");
        String bytes = Tools.check(null, "sha256sum", archive.toString()).split(" ")[0];
        Path link = Files.createSymbolicLink(dir.resolve("result-linked"), archive);
        SigningKey key = SigningKey.generate(KeyAlgorithm.ECDSA_P256);
        GateReport r = new ImageGate(ReadOptions.defaults(), DiffOptions.DEFAULT).check(link, null,
                new Attestation(envelope("linked.intoto.jsonl", key, bytes, CI), key.publicKey()),
                Policy.read(writePolicy("linked", "{}")), null);
        assertEquals(List.of("signature=pass", "subject=pass"), results(r), r.checks()::toString);
        GateReport other = new ImageGate(ReadOptions.defaults(), DiffOptions.DEFAULT).check(link, null,
                new Attestation(envelope("linked-b.intoto.jsonl", key, manifestB, CI), key.publicKey()),
                Policy.read(writePolicy("linked-b", "{}")), null);
        assertEquals(List.of("signature=pass", "subject=fail"), results(other), other.checks()::toString);
        String summary = other.checks().get(1).summary();
        assertTrue(summary.startsWith("subject digest: the artifact's [{sha256=" + bytes + "}]"), summary);
    }

    private static Path writePolicy(String name, String json) throws Exception {
        Path p = dir.resolve("policy-" + name + ".json");
        Files.writeString(p, json);
        return p;
    }

    @Test
    void anAttestationOfAnotherImageFailsTheSubject() throws Exception {
        SigningKey key = SigningKey.generate(KeyAlgorithm.ECDSA_P256);
        GateReport r = gate(envelope("other.intoto.jsonl", key, manifestB, CI), key.publicKey(), allow(CI));
        assertEquals(List.of("signature=pass", "subject=fail", "builder=fail"), results(r), r.checks()::toString);
        String summary = r.checks().get(1).summary();
        assertTrue(summary.startsWith("subject digest:") && summary.contains(manifestB), summary);
        assertEquals("no verified attestation, so the builder is unknown", r.checks().get(2).summary(),
                "a builder vouching for another image says nothing about this one");
    }

    @Test
    void aDisallowedBuilderFailsOnlyTheBuilderRule() throws Exception {
        SigningKey key = SigningKey.generate(KeyAlgorithm.ECDSA_P256);
        GateReport r = gate(envelope("laptop.intoto.jsonl", key, manifestA, "https://ocisc.dev/builders/local/v1"),
                key.publicKey(), allow(CI));
        assertEquals(List.of("signature=pass", "subject=pass", "builder=fail"), results(r), r.checks()::toString);
        assertEquals("builder id 'https://ocisc.dev/builders/local/v1' is not in allowed_builder_ids",
                r.checks().get(2).summary());
        assertEquals(List.of(CI), r.checks().get(2).items());
    }

    @Test
    void ofSeveralEnvelopesOneThatVerifiesIsEnough() throws Exception {
        SigningKey key = SigningKey.generate(KeyAlgorithm.ECDSA_P256);
        SigningKey stranger = SigningKey.generate(KeyAlgorithm.ECDSA_P256);
        Path f = dir.resolve("two.intoto.jsonl");
        Files.write(f, (new String(EnvelopeJson.write(new Signer(stranger).sign(Envelope.IN_TOTO,
                statement(manifestA, CI))), StandardCharsets.UTF_8) + "\n" + new String(EnvelopeJson.write(
                new Signer(key).sign(Envelope.IN_TOTO, statement(manifestA, CI))), StandardCharsets.UTF_8) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        GateReport r = gate(f, key.publicKey(), allow(CI));
        assertTrue(r.passed(), r.checks()::toString);
        assertTrue(r.checks().get(0).summary().startsWith(f + ":2 is signed by"), r.checks().get(0).summary());
    }

    @Test
    void anUnreadableAttestationIsBadInputNamingTheFile() throws Exception {
        Path f = dir.resolve("garbage.json");
        Files.writeString(f, "{\"not\": \"an envelope\"}");
        SigningKey key = SigningKey.generate(KeyAlgorithm.ECDSA_P256);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> gate(f, key.publicKey(), "{}"));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }
}
