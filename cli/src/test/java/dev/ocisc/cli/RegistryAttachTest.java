package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.testing.LocalRegistry;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SBOMs and signed attestations attached to images in a real registry (Debian's docker-registry, distribution
 * 2.8, which has no referrers API: the referrers tag schema is what it exercises), read back with skopeo and
 * found again by {@code attest verify IMAGE} and {@code verify image IMAGE}. Envelopes are signed by openssl.
 */
class RegistryAttachTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DSSE = "application/vnd.dsse.envelope.v1+json";
    private static final String CI = "https://ci.example.org/builders/nix";

    @TempDir
    Path tmp;

    private static String layout(String name) {
        return "oci:" + TestData.path("oci/" + name).toAbsolutePath().normalize() + ":latest";
    }

    /** The digest skopeo pushes the fixture's manifest under (--preserve-digests): what subjects must name. */
    private static String manifestHex(String name) throws IOException {
        return JSON.readTree(TestData.path("oci/" + name).resolve("index.json").toFile()).path("manifests").path(0)
                .path("digest").asText().substring("sha256:".length());
    }

    @BeforeEach
    void keys() {
        for (String tool : List.of("openssl", "skopeo", "sha256sum")) {
            Tools.require(tool);
        }
        Tools.Result k = Ocisc.inProcess("keygen", "-o", tmp.resolve("ci").toString());
        assertEquals(0, k.exitCode(), k.stderr());
        Tools.Result other = Ocisc.inProcess("keygen", "-o", tmp.resolve("other").toString());
        assertEquals(0, other.exitCode(), other.stderr());
    }

    /** An SLSA v1 statement about one manifest, signed by openssl with KEY into a one-line DSSE envelope. */
    private Path attest(String name, String key, String manifestHex) throws IOException {
        String type = "application/vnd.in-toto+json";
        byte[] body = ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"debian\",\"digest\":"
                + "{\"sha256\":\"" + manifestHex + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v1\","
                + "\"predicate\":{\"buildDefinition\":{\"buildType\":\"https://example.org/buildtypes/umoci/v1\","
                + "\"externalParameters\":{}},\"runDetails\":{\"builder\":{\"id\":\"" + CI + "\"}}}}")
                .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream pae = new ByteArrayOutputStream();
        pae.writeBytes(("DSSEv1 " + type.length() + " " + type + " " + body.length + " ")
                .getBytes(StandardCharsets.UTF_8));
        pae.writeBytes(body);
        Path paeFile = tmp.resolve(name + ".pae");
        Files.write(paeFile, pae.toByteArray());
        Tools.check(tmp, "openssl", "dgst", "-sha256", "-sign", key, "-out", name + ".sig", paeFile.toString());
        Base64.Encoder b64 = Base64.getEncoder();
        Path f = tmp.resolve(name);
        Files.writeString(f, "{\"payloadType\":\"" + type + "\",\"payload\":\"" + b64.encodeToString(body)
                + "\",\"signatures\":[{\"keyid\":\"ci\",\"sig\":\""
                + b64.encodeToString(Files.readAllBytes(tmp.resolve(name + ".sig"))) + "\"}]}\n");
        return f;
    }

    /** A manifest or index as the registry stores it, read by skopeo. */
    private static JsonNode raw(LocalRegistry registry, String repoTag, String... access) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("skopeo", "inspect", "--raw"));
        cmd.addAll(List.of(access));
        cmd.add("docker://" + registry.host() + "/" + repoTag);
        Tools.Result r = Tools.run(null, cmd);
        assertEquals(0, r.exitCode(), r.stderr());
        return JSON.readTree(r.stdout());
    }

    private static String sha256(byte[] b) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static String[] with(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * The whole round: an attestation and an SBOM attached (referrers tag schema, as the registry has no
     * referrers API), attached again without a second entry, listed in the index skopeo reads back with the
     * referrer manifest the spec describes; verified with the right key, refused with another, naming the
     * attestation tried; and verify image finds the attached SBOM.
     */
    @Test
    void attachThenFindAndVerify() throws Exception {
        try (LocalRegistry registry = LocalRegistry.plain(tmp.resolve("registry"))) {
            String image = registry.push(layout("debian"), "team/debian:1");
            String hex = manifestHex("debian");
            Path env = attest("debian.intoto.jsonl", "ci.key", hex);

            Tools.Result first = Ocisc.inProcess("attest", "attach", image, env.toString());
            assertEquals(0, first.exitCode(), first.stderr());
            String repo = registry.host() + "/team/debian";
            assertTrue(first.stderr().startsWith("attached " + DSSE + " to " + repo + "@sha256:" + hex + " as " + repo
                    + "@sha256:"), first.stderr());
            assertTrue(first.stderr().strip().endsWith("(referrers tag sha256-" + hex + ")"), first.stderr());
            Tools.Result again = Ocisc.inProcess("attest", "attach", image, env.toString());
            assertEquals(0, again.exitCode(), again.stderr());
            assertTrue(again.stderr().startsWith("already attached " + DSSE), again.stderr());

            JsonNode index = raw(registry, "team/debian:sha256-" + hex, "--tls-verify=false");
            assertEquals("application/vnd.oci.image.index.v1+json", index.path("mediaType").asText());
            assertEquals(1, index.path("manifests").size(), index.toString());
            JsonNode entry = index.path("manifests").path(0);
            assertEquals(DSSE, entry.path("artifactType").asText());
            String referrer = entry.path("digest").asText();
            assertTrue(first.stderr().contains("@" + referrer + " "), first.stderr());

            JsonNode m = raw(registry, "team/debian@" + referrer, "--tls-verify=false");
            assertEquals(DSSE, m.path("artifactType").asText());
            assertEquals("application/vnd.oci.empty.v1+json", m.path("config").path("mediaType").asText());
            assertEquals("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
                    m.path("config").path("digest").asText());
            assertEquals(1, m.path("layers").size());
            assertEquals(sha256(Files.readAllBytes(env)), m.path("layers").path(0).path("digest").asText());
            assertEquals("sha256:" + hex, m.path("subject").path("digest").asText());
            assertEquals("application/vnd.oci.image.manifest.v1+json", m.path("subject").path("mediaType").asText());

            Tools.Result ok = Ocisc.inProcess("attest", "verify", image, "--key", tmp.resolve("ci.pub").toString());
            assertEquals(0, ok.exitCode(), ok.stdout() + ok.stderr());
            assertTrue(ok.stdout().startsWith("verified: " + image + ": referrer "), ok.stdout());
            assertTrue(ok.stdout().contains("(referrers tag sha256-" + hex + ")") && ok.stdout().contains("builder " + CI)
                    && ok.stdout().strip().endsWith(", subject debian"), ok.stdout());

            Tools.Result wrong = Ocisc.inProcess("attest", "verify", image, "--key", tmp.resolve("other.pub").toString());
            assertEquals(1, wrong.exitCode(), wrong.stdout() + wrong.stderr());
            assertEquals("", wrong.stdout());
            assertTrue(wrong.stderr().contains("ocisc: not verified: " + image + ": referrer "
                    + referrer.substring(7, 19)), wrong.stderr());
            assertTrue(wrong.stderr().contains("(referrers tag sha256-" + hex + ")") && wrong.stderr().contains("signature"),
                    wrong.stderr());

            // The SBOM: attached once however often it is asked, then found by verify image.
            Tools.Result sbom = Ocisc.inProcess("sbom", image, "--attach");
            assertEquals(0, sbom.exitCode(), sbom.stderr());
            assertEquals("", sbom.stdout());
            assertTrue(sbom.stderr().startsWith("attached application/vnd.cyclonedx+json to " + repo + "@sha256:" + hex),
                    sbom.stderr());
            Tools.Result sbomAgain = Ocisc.inProcess("sbom", image, "--attach");
            assertTrue(sbomAgain.stderr().startsWith("already attached application/vnd.cyclonedx+json"), sbomAgain.stderr());
            assertEquals(sbom.stderr().replace("attached", "X"), sbomAgain.stderr().replace("already attached", "X"));
            JsonNode both = raw(registry, "team/debian:sha256-" + hex, "--tls-verify=false");
            assertEquals(2, both.path("manifests").size(), both.toString());
            assertEquals("application/vnd.cyclonedx+json", both.path("manifests").path(1).path("artifactType").asText());

            Tools.Result gate = Ocisc.inProcess("verify", "image", image);
            assertEquals(0, gate.exitCode(), gate.stdout() + gate.stderr());
            assertTrue(gate.stdout().contains("[pass] sbom: attached SBOM referrer "), gate.stdout());
            // --key alone: the attached attestations too, through the same gate checks.
            Tools.Result keyed = Ocisc.inProcess("verify", "image", image, "--key", tmp.resolve("ci.pub").toString());
            assertEquals(0, keyed.exitCode(), keyed.stdout() + keyed.stderr());
            assertTrue(keyed.stdout().contains("[pass] signature: referrer " + referrer.substring(7, 19)), keyed.stdout());
            assertTrue(keyed.stdout().contains("[pass] subject: subject 'debian' is this image"), keyed.stdout());
            Tools.Result otherKey = Ocisc.inProcess("verify", "image", image, "--key", tmp.resolve("other.pub").toString());
            assertEquals(1, otherKey.exitCode(), otherKey.stdout() + otherKey.stderr());
            assertTrue(otherKey.stdout().contains("[FAIL] signature: not verified with key "), otherKey.stdout());
            // Another image has none attached: nothing to verify, said so, and a fail.
            String alpine = registry.push(layout("alpine"), "alpine:1");
            Tools.Result none = Ocisc.inProcess("verify", "image", alpine);
            assertEquals(1, none.exitCode(), none.stdout() + none.stderr());
            assertTrue(none.stderr().contains("no SBOM is attached to " + alpine), none.stderr());
            Tools.Result noneKeyed = Ocisc.inProcess("verify", "image", alpine, "--key", tmp.resolve("ci.pub").toString());
            assertEquals(1, noneKeyed.exitCode(), noneKeyed.stdout() + noneKeyed.stderr());
            assertTrue(noneKeyed.stdout().contains("[FAIL] signature: no attestation is attached to " + alpine),
                    noneKeyed.stdout());
            Tools.Result noAttestation = Ocisc.inProcess("attest", "verify", alpine, "--key", tmp.resolve("ci.pub").toString());
            assertEquals(1, noAttestation.exitCode(), noAttestation.stderr());
            assertTrue(noAttestation.stderr().contains("no attestation of " + registry.host() + "/alpine@sha256:"),
                    noAttestation.stderr());
        }
    }

    /**
     * An .intoto.jsonl file of two envelopes is two referrers; the one whose statement does not name the image is
     * pushed all the same (no key here to verify it) but warned of.
     */
    @Test
    void eachEnvelopeOfAFileIsAReferrerAndAWrongSubjectIsWarnedOf() throws Exception {
        try (LocalRegistry registry = LocalRegistry.plain(tmp.resolve("registry"))) {
            String image = registry.push(layout("debian"), "debian:1");
            String hex = manifestHex("debian");
            Path right = attest("right.intoto.jsonl", "ci.key", hex);
            Path wrong = attest("wrong.intoto.jsonl", "ci.key", "0".repeat(64));
            Path both = tmp.resolve("both.intoto.jsonl");
            Files.writeString(both, Files.readString(right) + Files.readString(wrong));

            Tools.Result r = Ocisc.inProcess("attest", "attach", image, both.toString());
            assertEquals(0, r.exitCode(), r.stderr());
            List<String> lines = r.stderr().strip().lines().toList();
            assertEquals(3, lines.size(), r.stderr());
            assertTrue(lines.get(0).startsWith("attached " + DSSE + " to "), r.stderr());
            assertTrue(lines.get(1).startsWith("attached " + DSSE + " to "), r.stderr());
            assertEquals("ocisc: warning: " + both + ":2 has no subject with this image's manifest digest sha256:"
                    + hex + ": attest verify " + image + " will not pass with it", lines.get(2));
            JsonNode index = raw(registry, "debian:sha256-" + hex, "--tls-verify=false");
            assertEquals(2, index.path("manifests").size(), index.toString());
        }
    }

    /** A registry serving a referrer document whose bytes are not its digest: refused, naming the digest. */
    @Test
    void aTamperedDocumentIsRefused() throws Exception {
        try (LocalRegistry registry = LocalRegistry.plain(tmp.resolve("registry"))) {
            String image = registry.push(layout("debian"), "debian:1");
            Path env = attest("debian.intoto.jsonl", "ci.key", manifestHex("debian"));
            assertEquals(0, Ocisc.inProcess("attest", "attach", image, env.toString()).exitCode());
            String digest = sha256(Files.readAllBytes(env));
            Path data = tmp.resolve("registry/storage/docker/registry/v2/blobs/sha256")
                    .resolve(digest.substring(7, 9)).resolve(digest.substring(7)).resolve("data");
            byte[] b = Files.readAllBytes(data);
            b[b.length - 2] = (byte) (b[b.length - 2] == '}' ? ' ' : '}');
            Files.write(data, b);
            Tools.Result r = Ocisc.inProcess("attest", "verify", image, "--key", tmp.resolve("ci.pub").toString());
            assertEquals(3, r.exitCode(), r.stdout() + r.stderr());
            assertEquals("", r.stdout());
            assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
            assertTrue(r.stderr().contains("blob " + digest) && r.stderr().contains("digest mismatch"), r.stderr());
        }
    }

    /**
     * TLS and basic auth, as the registry tests read: attach with --cacert and --authfile, verify; without
     * credentials the push is refused in one line.
     */
    @Test
    void attachAndVerifyWithTlsAndBasicAuth() throws Exception {
        try (LocalRegistry registry = LocalRegistry.secured(tmp.resolve("registry"))) {
            String image = registry.push(layout("debian"), "debian:1");
            String[] access = {"--cacert", registry.caCertificate().toString(), "--authfile",
                registry.authFile(LocalRegistry.USER, LocalRegistry.PASSWORD).toString()};
            Path env = attest("debian.intoto.jsonl", "ci.key", manifestHex("debian"));
            Tools.Result attach = Ocisc.inProcess(with(new String[] {"attest", "attach", image, env.toString()}, access));
            assertEquals(0, attach.exitCode(), attach.stderr());
            Tools.Result ok = Ocisc.inProcess(with(new String[] {"attest", "verify", image, "--key", tmp.resolve("ci.pub").toString()},
                    access));
            assertEquals(0, ok.exitCode(), ok.stdout() + ok.stderr());
            Tools.Result sbom = Ocisc.inProcess(with(new String[] {"sbom", image, "--attach", "-f", "spdx-json"}, access));
            assertEquals(0, sbom.exitCode(), sbom.stderr());
            assertTrue(sbom.stderr().startsWith("attached application/spdx+json"), sbom.stderr());
            Tools.Result gate = Ocisc.inProcess(with(new String[] {"verify", "image", image}, access));
            assertEquals(0, gate.exitCode(), gate.stdout() + gate.stderr());

            Path bad = registry.authFile(LocalRegistry.USER, "wrong");
            Tools.Result refused = Ocisc.inProcess("attest", "attach", image, env.toString(), "--cacert",
                    registry.caCertificate().toString(), "--authfile", bad.toString());
            assertEquals(3, refused.exitCode(), refused.stderr());
            assertEquals(1, refused.stderr().strip().lines().count(), refused.stderr());
            assertTrue(refused.stderr().contains("authentication failed for " + registry.host()), refused.stderr());
        }
    }

    /**
     * A Sigstore bundle is attached as one (its artifact type), verified like an envelope, and held to a policy:
     * a builder the policy does not allow fails, naming the builder.
     */
    @Test
    void aSigstoreBundleIsAttachedAndHeldToAPolicy() throws Exception {
        try (LocalRegistry registry = LocalRegistry.plain(tmp.resolve("registry"))) {
            String image = registry.push(layout("debian"), "debian:1");
            String hex = manifestHex("debian");
            Path env = attest("debian.intoto.jsonl", "ci.key", hex);
            Path bundle = tmp.resolve("debian.sigstore.json");
            Files.write(bundle, dev.ocisc.dsse.SigstoreBundle.of(dev.ocisc.dsse.AttestationFile.read(env).get(0)
                    .envelope()).toJson());
            Tools.Result attach = Ocisc.inProcess("attest", "attach", image, bundle.toString());
            assertEquals(0, attach.exitCode(), attach.stderr());
            assertTrue(attach.stderr().startsWith("attached application/vnd.dev.sigstore.bundle.v0.3+json to "),
                    attach.stderr());
            JsonNode index = raw(registry, "debian:sha256-" + hex, "--tls-verify=false");
            assertEquals("application/vnd.dev.sigstore.bundle.v0.3+json",
                    index.path("manifests").path(0).path("artifactType").asText());
            Tools.Result ok = Ocisc.inProcess("attest", "verify", image, "--key", tmp.resolve("ci.pub").toString());
            assertEquals(0, ok.exitCode(), ok.stdout() + ok.stderr());

            Path policy = tmp.resolve("policy.json");
            Files.writeString(policy, "{\"allowed_builder_ids\": [\"https://other.example.org/\"]}");
            Tools.Result denied = Ocisc.inProcess("attest", "verify", image, "--key", tmp.resolve("ci.pub").toString(), "--policy",
                    policy.toString());
            assertEquals(1, denied.exitCode(), denied.stdout() + denied.stderr());
            assertTrue(denied.stderr().contains("(referrers tag sha256-" + hex + ")") && denied.stderr().contains(CI),
                    denied.stderr());
        }
    }

    /**
     * --cosign-tag: the envelope also in cosign's sha256-HEX.att image, read back with skopeo and checked field by
     * field against what cosign's own code writes and reads (see CosignLayout); attached twice, one layer. A copy
     * of the image and its .att tag alone (skopeo copy, no referrers tag) is verified through cosign's tag.
     */
    @Test
    void cosignTagLayout() throws Exception {
        try (LocalRegistry registry = LocalRegistry.plain(tmp.resolve("registry"))) {
            String image = registry.push(layout("debian"), "debian:1");
            String hex = manifestHex("debian");
            Path env = attest("debian.intoto.jsonl", "ci.key", hex);
            Tools.Result attach = Ocisc.inProcess("attest", "attach", image, env.toString(), "--cosign-tag");
            assertEquals(0, attach.exitCode(), attach.stderr());
            assertTrue(attach.stderr().strip().endsWith("; cosign tag sha256-" + hex + ".att"), attach.stderr());
            assertEquals(0, Ocisc.inProcess("attest", "attach", image, env.toString(), "--cosign-tag").exitCode());

            String att = "debian:sha256-" + hex + ".att";
            JsonNode m = raw(registry, att, "--tls-verify=false");
            assertEquals(2, m.path("schemaVersion").asInt());
            assertEquals("application/vnd.oci.image.manifest.v1+json", m.path("mediaType").asText());
            assertEquals("application/vnd.oci.image.config.v1+json", m.path("config").path("mediaType").asText());
            assertEquals(1, m.path("layers").size(), m.toString());
            JsonNode layer = m.path("layers").path(0);
            assertEquals(DSSE, layer.path("mediaType").asText());
            assertEquals(sha256(Files.readAllBytes(env)), layer.path("digest").asText());
            assertEquals(Files.size(env), layer.path("size").asLong());
            assertEquals("{\"dev.cosignproject.cosign/signature\":\"\"}", layer.path("annotations").toString());
            JsonNode config = JSON.readTree(Tools.check(null, "skopeo", "inspect", "--config", "--raw",
                    "--tls-verify=false", "docker://" + registry.host() + "/" + att));
            assertEquals("[\"" + layer.path("digest").asText() + "\"]",
                    config.path("rootfs").path("diff_ids").toString());
            assertEquals("layers", config.path("rootfs").path("type").asText());

            // Only the image and cosign's tag, copied by skopeo: found through the .att tag.
            registry.push("--src-tls-verify=false", "docker://" + image, "copy:1");
            registry.push("--src-tls-verify=false", "docker://" + registry.host() + "/" + att,
                    "copy:sha256-" + hex + ".att");
            String copy = registry.host() + "/copy:1";
            Tools.Result ok = Ocisc.inProcess("attest", "verify", copy, "--key", tmp.resolve("ci.pub").toString());
            assertEquals(0, ok.exitCode(), ok.stdout() + ok.stderr());
            assertTrue(ok.stdout().contains("(cosign tag sha256-" + hex + ".att)"), ok.stdout());
        }
    }
}
