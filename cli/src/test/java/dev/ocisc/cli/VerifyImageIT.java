package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.testing.Browser;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ocisc verify image --attestation through the built jar. Keys come from {@code ocisc keygen} and from openssl;
 * the attestations are in-toto statements written here and signed by openssl over a PAE built by hand, so
 * that nothing of ocisc's signing code is on the producing side.
 */
class VerifyImageIT {
    private static final String CI = "https://ci.example/builders/nix";

    @TempDir
    static Path dir;
    static String manifestA;
    static String manifestB;

    @BeforeAll
    static void make() throws Exception {
        for (String tool : List.of("umoci", "skopeo", "tar", "gzip", "zstd", "python3", "openssl", "sha256sum")) {
            Tools.require(tool);
        }
        Tools.check(null, "bash", TestData.path("diff/make-image-pairs.sh").toString(), dir.toString());
        manifestA = indexDigest("gate.a");
        manifestB = indexDigest("gate.b");
        Tools.Result keygen = Ocisc.run("keygen", "-o", dir.resolve("ci").toString());
        assertEquals(0, keygen.exitCode(), keygen.stderr());
        Tools.check(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
                "openssl.key");
        Tools.check(dir, "openssl", "pkey", "-in", "openssl.key", "-pubout", "-out", "openssl.pub");
        write("allow-ci.json", "{\"allowed_builder_ids\": [\"" + CI + "\"]}");
    }

    private static String indexDigest(String layout) throws Exception {
        return new ObjectMapper().readTree(dir.resolve(layout).resolve("index.json").toFile()).get("manifests").get(0)
                .get("digest").asText().substring("sha256:".length());
    }

    private static Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    /** An SLSA v1 statement about one image manifest, signed by openssl with KEY into a one-line envelope. */
    private static Path attest(String name, String key, String manifestHex, String builderId) throws Exception {
        String type = "application/vnd.in-toto+json";
        byte[] body = ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"gate\",\"digest\":"
                + "{\"sha256\":\"" + manifestHex + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v1\","
                + "\"predicate\":{\"buildDefinition\":{\"buildType\":\"https://example.org/buildtypes/umoci/v1\","
                + "\"externalParameters\":{}},\"runDetails\":{\"builder\":{\"id\":\"" + builderId + "\"}}}}")
                .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream pae = new ByteArrayOutputStream();
        pae.writeBytes(("DSSEv1 " + type.length() + " " + type + " " + body.length + " ")
                .getBytes(StandardCharsets.UTF_8));
        pae.writeBytes(body);
        Path paeFile = dir.resolve(name + ".pae");
        Files.write(paeFile, pae.toByteArray());
        Tools.check(dir, "openssl", "dgst", "-sha256", "-sign", key, "-out", name + ".sig", paeFile.toString());
        Tools.check(dir, "openssl", "pkey", "-in", key, "-pubout", "-outform", "DER", "-out", name + ".der");
        String keyid = Tools.check(dir, "sha256sum", name + ".der").split(" ")[0];
        Base64.Encoder b64 = Base64.getEncoder();
        return write(name, "{\"payloadType\":\"" + type + "\",\"payload\":\"" + b64.encodeToString(body)
                + "\",\"signatures\":[{\"keyid\":\"" + keyid + "\",\"sig\":\""
                + b64.encodeToString(Files.readAllBytes(dir.resolve(name + ".sig"))) + "\"}]}\n");
    }

    private static Tools.Result gate(String format, Path attestation, String pub, String policy) {
        return Ocisc.run("verify", "image", "-f", format, dir.resolve("gate.a").toString(), "--attestation",
                attestation.toString(), "--key", dir.resolve(pub).toString(), "--policy",
                dir.resolve(policy).toString());
    }

    private static String results(Tools.Result r) throws Exception {
        JsonNode j = new ObjectMapper().readTree(r.stdout());
        StringBuilder sb = new StringBuilder(j.get("verdict").asText());
        for (JsonNode c : j.get("checks")) {
            sb.append(' ').append(c.get("id").asText()).append('=').append(c.get("result").asText());
        }
        return sb.toString();
    }

    @Test
    void anAttestationOfThisImageFromAnAllowedBuilderPasses() throws Exception {
        Path env = attest("ok.intoto.jsonl", "ci.key", manifestA, CI);
        Tools.Result text = gate("text", env, "ci.pub", "allow-ci.json");
        assertEquals(0, text.exitCode(), text.stdout() + text.stderr());
        assertTrue(text.stdout().contains("[pass] signature: " + env + " is signed by key "), text.stdout());
        assertTrue(text.stdout().contains("[pass] subject: subject 'gate' is this image"), text.stdout());
        assertTrue(text.stdout().contains("  image digest sha256:" + manifestA), text.stdout());
        assertTrue(text.stdout().contains("[pass] builder: builder id " + CI + " is allowed"), text.stdout());
        Tools.Result json = gate("json", env, "ci.pub", "allow-ci.json");
        assertEquals("pass signature=pass subject=pass builder=pass", results(json));
        Tools.Result md = gate("markdown", env, "ci.pub", "allow-ci.json");
        assertTrue(md.stdout().contains("| signature | pass |") && md.stdout().contains("| builder | pass |"),
                md.stdout());
    }

    /**
     * Every check at once, most of them failing, as an HTML page: each check's row links to its evidence, the
     * page loads clean in chromium and the SBOM check's evidence is searchable.
     */
    @Test
    void htmlReportLinksEachCheckToItsEvidence() throws Exception {
        Path sbom = write("html.cdx.json", "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":["
                + "{\"name\":\"demo-tool\",\"version\":\"1.0-1\"},{\"name\":\"libdemo\",\"version\":\"2.3-4\","
                + "\"licenses\":[{\"license\":{\"id\":\"GPL-3.0-only\"}}]},{\"name\":\"ghost\",\"version\":\"9.9\"}]}");
        write("all.json", "{\"forbidden_licenses\": [\"GPL-3.0-only\"], \"allowed_builder_ids\": [\"" + CI
                + "\"], \"require_reproducible\": true}");
        Path env = attest("html.intoto.jsonl", "ci.key", manifestB, CI);
        Path html = dir.resolve("gate.html");
        Tools.Result r = Ocisc.run("verify", "image", "-f", "html", "-o", html.toString(), dir.resolve("gate.a")
                .toString(), "--sbom", sbom.toString(), "--attestation", env.toString(), "--key", dir.resolve("ci.pub")
                .toString(), "--policy", dir.resolve("all.json").toString(), "--rebuild", dir.resolve("gate.b").toString());
        assertEquals(1, r.exitCode(), r.stderr());
        String page = Files.readString(html);
        assertTrue(page.contains("<div class=\"verdict fail\">fail</div>"), page);
        List<String> ids = List.of("sbom", "licenses", "signature", "subject", "builder", "reproducible");
        List<String> selectors = new java.util.ArrayList<>(List.of("#checks tbody tr", "#checks .badge.fail",
                "#check-sbom-items tbody tr"));
        for (String id : ids) {
            selectors.add("#checks a[href='#check-" + id + "']");
            selectors.add("section#check-" + id);
        }
        Browser.Page shown = Browser.load(html, "verify-image-html", selectors, List.of()).assertClean();
        assertEquals(6, shown.count("#checks tbody tr"));
        assertEquals(5, shown.count("#checks .badge.fail"), "all but the signature fail");
        for (String id : ids) {
            assertEquals(2, shown.count("#checks a[href='#check-" + id + "']"), id);
            assertEquals(1, shown.count("section#check-" + id), id);
        }
        assertEquals(1, shown.count("#check-sbom-items tbody tr"), "ghost 9.9 is declared but absent");
        Browser.Page searched = Browser.load(html, "verify-image-html-search", List.of(), List.of(
                new Browser.Search("input[data-filter=check-sbom-items]", "ghost", "#check-sbom-items tbody tr"),
                new Browser.Search("input[data-filter=check-sbom-items]", "libdemo", "#check-sbom-items tbody tr")))
                .assertClean();
        assertEquals(List.of(1, 0), searched.searchVisible());
    }

    @Test
    void anOpensslKeyThatDidNotSignFailsTheSignature() throws Exception {
        Path env = attest("byci.intoto.jsonl", "ci.key", manifestA, CI);
        Tools.Result r = gate("json", env, "openssl.pub", "allow-ci.json");
        assertEquals(1, r.exitCode(), r.stderr());
        assertEquals("fail signature=fail subject=fail builder=fail", results(r));
        Tools.Result own = gate("json", attest("byopenssl.intoto.jsonl", "openssl.key", manifestA, CI),
                "openssl.pub", "allow-ci.json");
        assertEquals("pass signature=pass subject=pass builder=pass", results(own), own.stderr());
    }

    @Test
    void anAttestationOfAnotherImageFailsTheSubject() throws Exception {
        Tools.Result r = gate("json", attest("gate-b.intoto.jsonl", "ci.key", manifestB, CI), "ci.pub",
                "allow-ci.json");
        assertEquals(1, r.exitCode(), r.stderr());
        assertEquals("fail signature=pass subject=fail builder=fail", results(r));
    }

    @Test
    void aDisallowedBuilderFails() throws Exception {
        Tools.Result r = gate("text", attest("laptop.intoto.jsonl", "ci.key", manifestA,
                "https://ocisc.dev/builders/local/v1"), "ci.pub", "allow-ci.json");
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("verdict: fail"), r.stdout());
        assertTrue(r.stdout().contains("[FAIL] builder: builder id 'https://ocisc.dev/builders/local/v1' is not in "
                + "allowed_builder_ids"), r.stdout());
    }

    @Test
    void unreadableInputIsOneLineExitThreeAndNoReport() throws Exception {
        Path garbage = write("garbage.intoto.jsonl", "not json\n");
        Tools.Result r = gate("text", garbage, "ci.pub", "allow-ci.json");
        assertEquals(3, r.exitCode(), r.stderr());
        assertEquals("", r.stdout());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
        assertTrue(r.stderr().contains(garbage.toString()), r.stderr());
        Path env = attest("fine.intoto.jsonl", "ci.key", manifestA, CI);
        write("bad.pub", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        Tools.Result key = gate("text", env, "bad.pub", "allow-ci.json");
        assertEquals(3, key.exitCode(), key.stderr());
        assertEquals("", key.stdout());
        assertTrue(key.stderr().contains("bad.pub"), key.stderr());
    }

    @Test
    void anAttestationWithoutAKeyIsAUsageError() throws Exception {
        Path env = attest("nokey.intoto.jsonl", "ci.key", manifestA, CI);
        Tools.Result r = Ocisc.run("verify", "image", dir.resolve("gate.a").toString(), "--attestation",
                env.toString());
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("--attestation FILE and --key PUB.pem go together"), r.stderr());
    }

    /**
     * A Nix build whose output is an image archive, named by its result link: the provenance ocisc signs for the
     * build names the archive's bytes, and verify image of the same link finds them (a docker-archive has no
     * manifest digest to fall back on).
     */
    @Test
    void theProvenanceOfANixBuiltArchiveVerifiesThroughItsResultLink() throws Exception {
        Path expr = Files.createDirectories(dir.resolve("nix-image"));
        Tools.check(null, "skopeo", "copy", "-q", "oci:" + dir.resolve("gate.a"), "docker-archive:"
                + expr.resolve("image.tar") + ":gate:latest");
        write("nix-image/default.nix", "derivation { name = \"gate-image.tar\"; system = builtins.currentSystem; "
                + "builder = \"/bin/sh\"; src = ./image.tar; args = [ \"-c\" \"/bin/cp $src $out\" ]; }\n");
        String out = dev.ocisc.testing.NixBuild.build(expr, "");
        Path result = Files.createSymbolicLink(dir.resolve("result"), Path.of(out));
        Path env = dir.resolve("result.intoto.jsonl");
        Tools.Result prov = Ocisc.run("provenance", result.toString(), "--sign", dir.resolve("ci.key").toString(),
                "-o", env.toString());
        assertEquals(0, prov.exitCode(), prov.stderr());
        Tools.Result r = Ocisc.run("verify", "image", result.toString(), "--attestation", env.toString(), "--key",
                dir.resolve("ci.pub").toString());
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("[pass] subject: "), r.stdout());
    }
}
