package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.testing.LocalRegistry;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sbom}, {@code layers} and {@code diff} of images in a real registry (Debian's docker-registry), pushed there
 * with skopeo from the fixtures in testdata/oci.
 */
class RegistryCommandsTest {
    @TempDir
    Path tmp;

    private static String layout(String name) {
        return "oci:" + TestData.path("oci/" + name).toAbsolutePath().normalize() + ":latest";
    }

    /** The SBOM's time of writing, which differs from run to run without SOURCE_DATE_EPOCH. */
    private static String timeless(String sbom) {
        return sbom.replaceAll("\"timestamp\" ?: ?\"[^\"]*\"", "\"timestamp\":\"T\"");
    }

    /** Drops the repository_url qualifier and the serial number it changes, leaving what a local SBOM has. */
    private static String sourceless(String sbom, String repository) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("&repository_url=([^&\"]+)").matcher(sbom);
        assertTrue(m.find(), sbom);
        assertEquals(repository, java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8));
        return sbom.replace(m.group(), "").replaceAll("\"serialNumber\" ?: ?\"[^\"]*\"", "\"serialNumber\":\"S\"");
    }

    /** The purl of the SBOM's image component (CycloneDX metadata.component). */
    private static com.github.packageurl.PackageURL imagePurl(String cdx) throws Exception {
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(cdx);
        return new com.github.packageurl.PackageURL(root.path("metadata").path("component").path("purl").asText());
    }

    /**
     * An image pinned by digest is named by its repository's last segment, versioned by the digest, and says
     * which repository it came from (the purl oci type); with a tag as well, the tag is a qualifier.
     */
    @Test
    void sbomPurlOfTaggedAndPinnedImages() throws Exception {
        try (LocalRegistry registry = LocalRegistry.plain(tmp)) {
            String tagged = registry.push(layout("debian"), "team/debian:1");
            Tools.Result byTag = Ocisc.inProcess("sbom", tagged);
            assertEquals(0, byTag.exitCode(), byTag.stderr());
            var p = imagePurl(byTag.stdout());
            assertEquals("oci", p.getType());
            assertEquals(null, p.getNamespace());
            assertEquals("debian", p.getName());
            assertTrue(p.getVersion().matches("sha256:[0-9a-f]{64}"), p.toString());
            assertEquals(java.util.Map.of("arch", "amd64", "tag", "1", "repository_url",
                    registry.host() + "/team/debian"), p.getQualifiers());

            String pinned = registry.host() + "/team/debian@" + p.getVersion();
            Tools.Result byDigest = Ocisc.inProcess("sbom", pinned);
            assertEquals(0, byDigest.exitCode(), byDigest.stderr());
            var q = imagePurl(byDigest.stdout());
            assertEquals("debian", q.getName());
            assertEquals(p.getVersion(), q.getVersion());
            assertEquals(java.util.Map.of("arch", "amd64", "repository_url", registry.host() + "/team/debian"),
                    q.getQualifiers());
            assertEquals("debian", new com.fasterxml.jackson.databind.ObjectMapper().readTree(byDigest.stdout())
                    .path("metadata").path("component").path("name").asText());

            Tools.Result spdx = Ocisc.inProcess("sbom", "--format", "spdx-json", pinned);
            assertEquals(0, spdx.exitCode(), spdx.stderr());
            var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(spdx.stdout());
            assertEquals("debian", doc.path("name").asText());
            assertTrue(doc.path("documentNamespace").asText().startsWith("https://ocisc.dev/spdx/debian-"),
                    doc.path("documentNamespace").asText());
        }
    }

    @Test
    void sbomLayersAndDiffOfPushedImages() {
        try (LocalRegistry registry = LocalRegistry.plain(tmp)) {
            String debian = registry.push(layout("debian"), "debian:latest");
            String debianAgain = registry.push(layout("debian"), "debian:v2");
            String alpine = registry.push(layout("alpine"), "alpine:latest");

            Tools.Result remote = Ocisc.inProcess("sbom", debian);
            Tools.Result local = Ocisc.inProcess("sbom", TestData.path("oci/debian").toString());
            assertEquals(0, remote.exitCode(), remote.stderr());
            // The same image, so the same SBOM: only the form it was read from and where it came from differ.
            assertEquals(timeless(local.stdout()).replace("\"oci-layout\"", "\"registry\"")
                    .replaceAll("\"serialNumber\" ?: ?\"[^\"]*\"", "\"serialNumber\":\"S\""),
                    sourceless(timeless(remote.stdout()), registry.host() + "/debian"));
            assertTrue(remote.stdout().contains("\"registry\""));
            assertEquals(timeless(remote.stdout()), timeless(Ocisc.inProcess("sbom", "docker://" + debian).stdout()));

            Tools.Result layers = Ocisc.inProcess("layers", debian, alpine);
            assertEquals(0, layers.exitCode(), layers.stderr());
            assertTrue(layers.stdout().contains(debian + "  (registry"), layers.stdout());

            Tools.Result same = Ocisc.inProcess("diff", debian, debianAgain);
            assertEquals(0, same.exitCode(), same.stdout() + same.stderr());
            Tools.Result differ = Ocisc.inProcess("diff", debian, alpine);
            assertEquals(1, differ.exitCode(), differ.stderr());
            Tools.Result againstLocal = Ocisc.inProcess("diff", debian, TestData.path("oci/debian").toString());
            assertEquals(0, againstLocal.exitCode(), againstLocal.stdout() + againstLocal.stderr());
            // A registry image is headed as a local one: layer count, manifest and config digests.
            String localDebian = TestData.path("oci/debian").toString();
            String header = againstLocal.stdout().lines().filter(l -> l.startsWith("A: ")).findFirst().orElseThrow();
            String localHeader = Ocisc.inProcess("diff", localDebian, localDebian).stdout().lines()
                    .filter(l -> l.startsWith("A: ")).findFirst().orElseThrow();
            assertTrue(header.matches("A: .* \\(registry, \\d+ layers?, manifest sha256:[0-9a-f]{64}, "
                    + "config sha256:[0-9a-f]{64}\\)"), header);
            assertEquals(localHeader.replace(localDebian + " (oci-layout", debian + " (registry"), header);
            Tools.Result json = Ocisc.inProcess("diff", "--format", "json", debian, localDebian);
            assertTrue(json.stdout().contains("\"kind\": \"registry\"") || json.stdout().contains("\"kind\":\"registry\""),
                    json.stdout());
        }
    }

    /**
     * A registry whose storage was tampered with serves a layer that is not its digest: refused in one line by
     * sbom, while diff of two tags of one manifest reads no layer at all.
     */
    @Test
    void aTamperedBlobIsRefused() throws IOException {
        try (LocalRegistry registry = LocalRegistry.plain(tmp)) {
            String debian = registry.push(layout("debian"), "debian:latest");
            String digest;
            try (Stream<Path> blobs = Files.walk(tmp.resolve("storage"))) {
                Path data = blobs.filter(p -> p.getFileName().toString().equals("data")
                        && p.toString().contains("/blobs/sha256/")).filter(RegistryCommandsTest::isGzip).findFirst()
                        .orElseThrow();
                byte[] b = Files.readAllBytes(data);
                b[9] = (byte) (b[9] == 3 ? 255 : 3); // gzip's OS byte: still a valid layer, but other bytes
                Files.write(data, b);
                digest = "sha256:" + data.getParent().getFileName();
            }
            // Two references to one manifest are identical from its digest: no layer is downloaded (a read of
            // the tampered one would be refused).
            String again = registry.push(layout("debian"), "debian:again");
            Tools.Result same = Ocisc.inProcess("diff", debian, again);
            assertEquals(0, same.exitCode(), same.stdout() + same.stderr());

            // --no-cache: a layer fetched by another test would not be asked for again.
            Path sbom = tmp.resolve("sbom.json");
            Tools.Result r = Ocisc.inProcess("sbom", debian, "--no-cache", "-o", sbom.toString());
            assertEquals(3, r.exitCode(), r.stderr());
            assertEquals("", r.stdout());
            assertTrue(Files.notExists(sbom), "nothing written");
            assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
            assertTrue(r.stderr().contains(debian) && r.stderr().contains(digest) && r.stderr().contains("digest mismatch"),
                    r.stderr());
        }
    }

    /**
     * skopeo's {@code oci:DIR:NAME}: one layout holding two images (copied there by skopeo), each read by the name
     * its index gives it; an unknown name is one line listing the names there are.
     */
    @Test
    void anImageOfALayoutByName() {
        dev.ocisc.testing.Tools.require("skopeo");
        Path two = tmp.resolve("two");
        for (String name : new String[] {"debian", "alpine"}) {
            dev.ocisc.testing.Tools.check(tmp, "skopeo", "copy", "--quiet", layout(name), "oci:" + two + ":" + name);
        }
        Tools.Result debian = Ocisc.inProcess("layers", "oci:" + two + ":debian");
        Tools.Result alpine = Ocisc.inProcess("layers", "oci:" + two + ":alpine");
        assertEquals(0, debian.exitCode(), debian.stderr());
        assertEquals(0, alpine.exitCode(), alpine.stderr());
        String debianManifest = Ocisc.inProcess("layers", TestData.path("oci/debian").toString()).stdout()
                .replaceAll("(?s).*manifest (sha256:[0-9a-f]{64}).*", "$1");
        assertTrue(debianManifest.startsWith("sha256:"), debianManifest);
        assertTrue(debian.stdout().contains(debianManifest), debian.stdout());
        assertTrue(!alpine.stdout().contains(debianManifest), alpine.stdout());

        // Without a name the layout holds two images and names no platform: refused, as before.
        assertEquals(3, Ocisc.inProcess("layers", "oci:" + two).exitCode());
        Tools.Result unknown = Ocisc.inProcess("layers", "oci:" + two + ":ubuntu");
        assertEquals(3, unknown.exitCode(), unknown.stderr());
        assertEquals("ocisc: " + two + ": index.json: no image named 'ubuntu' "
                + "(org.opencontainers.image.ref.name); names: alpine, debian", unknown.stderr().strip());
    }

    /**
     * attest verify --artifact REF: the subject is the manifest digest of the image the reference names now,
     * read (every layer verified) from the registry; another image's reference does not match.
     */
    @Test
    void attestVerifyAgainstAnImageInARegistry() throws Exception {
        Path key = tmp.resolve("ci");
        assertEquals(0, Ocisc.inProcess("keygen", "-o", key.toString()).exitCode());
        String statement = Ocisc.inProcess("provenance", TestData.path("nix/result").toString(), "--store",
                TestData.nixStore().toString(), "--builder-id", "https://ci.example.org/builder/v1").stdout();
        String debianManifest = Ocisc.inProcess("layers", TestData.path("oci/debian").toString()).stdout()
                .replaceAll("(?s).*manifest sha256:([0-9a-f]{64}).*", "$1");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(statement);
        root.putArray("subject").addObject().put("name", "debian").putObject("digest").put("sha256",
                debianManifest);
        var signer = new dev.ocisc.dsse.Signer(dev.ocisc.dsse.PemKeys.readPrivate(Files.readString(
                Path.of(key + ".key"))));
        Path envelope = tmp.resolve("debian.intoto.jsonl");
        Files.write(envelope, dev.ocisc.dsse.EnvelopeJson.write(signer.sign(dev.ocisc.dsse.Envelope.IN_TOTO,
                json.writeValueAsBytes(root))));
        try (LocalRegistry registry = LocalRegistry.plain(tmp.resolve("registry"))) {
            String debian = registry.push(layout("debian"), "debian:latest");
            String alpine = registry.push(layout("alpine"), "alpine:latest");
            Tools.Result ok = Ocisc.inProcess("attest", "verify", envelope.toString(), "--key", key + ".pub", "--artifact", debian);
            assertEquals(0, ok.exitCode(), ok.stderr());
            assertTrue(ok.stdout().contains("subject debian"), ok.stdout());
            Tools.Result other = Ocisc.inProcess("attest", "verify", envelope.toString(), "--key", key + ".pub", "--artifact", alpine);
            assertEquals(1, other.exitCode(), other.stdout() + other.stderr());
            Tools.Result missing = Ocisc.inProcess("attest", "verify", envelope.toString(), "--key", key + ".pub", "--artifact",
                    registry.host() + "/debian:nope");
            assertEquals(3, missing.exitCode(), missing.stderr());
            assertTrue(missing.stderr().contains("HTTP 404"), missing.stderr());
        }
    }

    /**
     * A copy of the debian layout whose last layer is another one (a tar of one file, made with tar and gzip), its
     * config and manifest rewritten to match: an image sharing debian's base layer.
     */
    private Path debianWithOtherTopLayer() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        Path src = TestData.path("oci/debian").toAbsolutePath().normalize();
        Path dst = tmp.resolve("debian-variant");
        Files.createDirectories(dst.resolve("blobs/sha256"));
        try (Stream<Path> blobs = Files.list(src.resolve("blobs/sha256"))) {
            for (Path b : blobs.toList()) {
                Files.copy(b, dst.resolve("blobs/sha256").resolve(b.getFileName()));
            }
        }
        Files.copy(src.resolve("oci-layout"), dst.resolve("oci-layout"));
        Path files = Files.createDirectories(tmp.resolve("variant-files/etc"));
        Files.writeString(files.resolve("variant"), "another top layer\n");
        dev.ocisc.testing.Tools.check(tmp, "tar", "--sort=name", "--mtime=@0", "--owner=0", "--group=0",
                "--numeric-owner", "-C", tmp.resolve("variant-files").toString(), "-cf", "layer.tar", "etc");
        byte[] tar = Files.readAllBytes(tmp.resolve("layer.tar"));
        dev.ocisc.testing.Tools.check(tmp, "gzip", "-n", "-k", "layer.tar");
        byte[] gz = Files.readAllBytes(tmp.resolve("layer.tar.gz"));
        String diffId = "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest
                .getInstance("SHA-256").digest(tar));
        String layerDigest = "sha256:" + sha256(gz);
        Files.write(dst.resolve("blobs/sha256/" + layerDigest.substring(7)), gz);
        var top = json.readTree(src.resolve("index.json").toFile()).path("manifests").get(0);
        var manifest = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                src.resolve("blobs/sha256/" + top.path("digest").asText().substring(7)).toFile());
        var config = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(src.resolve("blobs/sha256/"
                + manifest.path("config").path("digest").asText().substring(7)).toFile());
        var diffIds = (com.fasterxml.jackson.databind.node.ArrayNode) config.path("rootfs").path("diff_ids");
        diffIds.set(diffIds.size() - 1, json.getNodeFactory().textNode(diffId));
        byte[] configBytes = json.writeValueAsBytes(config);
        Files.write(dst.resolve("blobs/sha256/" + sha256(configBytes)), configBytes);
        ((com.fasterxml.jackson.databind.node.ObjectNode) manifest.path("config")).put("digest", "sha256:"
                + sha256(configBytes)).put("size", configBytes.length);
        var layers = (com.fasterxml.jackson.databind.node.ArrayNode) manifest.path("layers");
        ((com.fasterxml.jackson.databind.node.ObjectNode) layers.get(layers.size() - 1)).put("digest", layerDigest)
                .put("size", gz.length);
        byte[] manifestBytes = json.writeValueAsBytes(manifest);
        Files.write(dst.resolve("blobs/sha256/" + sha256(manifestBytes)), manifestBytes);
        Files.writeString(dst.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
                + manifest.path("mediaType").asText("application/vnd.oci.image.manifest.v1+json")
                + "\",\"digest\":\"sha256:" + sha256(manifestBytes) + "\",\"size\":" + manifestBytes.length
                + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"latest\"}}]}");
        return dst;
    }

    private static String sha256(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }

    /**
     * diff of registry references, counted at a proxy in front of the real registry (no cache): two tags of one
     * manifest fetch its config once and no layer; two images sharing a base layer fetch their configs and only the layers whose
     * DiffIDs differ.
     */
    @Test
    void diffOfReferencesFetchesOnlyWhatDiffers() throws Exception {
        Path variant = debianWithOtherTopLayer();
        try (LocalRegistry registry = LocalRegistry.plain(tmp.resolve("registry"));
                dev.ocisc.testing.TcpProxy proxy = new dev.ocisc.testing.TcpProxy(registry.port())) {
            registry.push(layout("debian"), "debian:latest");
            registry.push(layout("debian"), "debian:again");
            registry.push("oci:" + variant + ":latest", "debian:variant");
            String base = proxy.host() + "/debian:";
            Tools.Result same = Ocisc.inProcess("diff", "--no-cache", base + "latest", base + "again");
            assertEquals(0, same.exitCode(), same.stdout() + same.stderr());
            assertEquals(1, proxy.blobGets(), proxy.requests().toString()); // the config, once for both

            Tools.Result differ = Ocisc.inProcess("diff", "--no-cache", base + "latest", base + "variant");
            assertEquals(1, differ.exitCode(), differ.stdout() + differ.stderr());
            assertTrue(differ.stdout().contains("etc/variant"), differ.stdout());
            List<String> gets = proxy.requests().stream().filter(r -> r.startsWith("GET ") && r.contains("/blobs/"))
                    .map(r -> r.replaceAll(".*/blobs/(sha256:[0-9a-f]{64}).*", "$1")).sorted().toList();
            String sharedLayer = Ocisc.inProcess("layers", TestData.path("oci/debian").toString()).stdout()
                    .replaceAll("(?s).*\\n  0 +(sha256:[0-9a-f]{12}).*", "$1");
            // The identical pair's config; then both configs and the two top layers, not the shared base layer.
            assertEquals(5, gets.size(), gets.toString());
            assertEquals(4, new java.util.TreeSet<>(gets).size(), gets.toString());
            assertTrue(gets.stream().noneMatch(g -> g.startsWith(sharedLayer)), sharedLayer + " " + gets);
        }
    }

    /** Registries that cannot be reached are reported in words, not as the JDK's exception class names. */
    @Test
    void unreachableRegistriesAreNamedInWords() {
        // Nothing listens there: not asked again (the retries with backoff are for resets, 429 and 5xx).
        long start = System.nanoTime();
        Tools.Result refused = Ocisc.inProcess("sbom", "localhost:1/x:1");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(3, refused.exitCode(), refused.stderr());
        assertTrue(millis < 1500, millis + " ms"); // three backoff pauses alone were 1750 ms
        assertEquals("ocisc: localhost:1/x:1: cannot reach localhost:1: connection refused", refused.stderr().strip());
        // .invalid never resolves (RFC 6761)
        Tools.Result unknown = Ocisc.inProcess("sbom", "no-such-host.invalid/x:1");
        assertEquals(3, unknown.exitCode(), unknown.stderr());
        assertEquals("ocisc: no-such-host.invalid/x:1: cannot reach no-such-host.invalid: unknown host "
                + "no-such-host.invalid", unknown.stderr().strip());
        assertEquals("", refused.stdout() + unknown.stdout());
    }

    /** A name that is no file but reads as an image reference without a registry is told to name one. */
    @Test
    void aBareImageNameIsToldToNameItsRegistry() {
        Tools.Result bare = Ocisc.inProcess("sbom", "debian:12");
        assertEquals(3, bare.exitCode(), bare.stderr());
        assertEquals("ocisc: debian:12: no such file or store path; as an image reference it names no registry: "
                + "give REGISTRY/REPOSITORY[:TAG][@sha256:HEX] (ocisc has no default registry)", bare.stderr().strip());
        Tools.Result file = Ocisc.inProcess("sbom", tmp.resolve("image.tar").toString());
        assertEquals("ocisc: " + tmp.resolve("image.tar") + ": no such file or store path", file.stderr().strip());
    }

    private static boolean isGzip(Path p) {
        try (var in = Files.newInputStream(p)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void tlsWithCacertAndBadCredentials() throws IOException {
        try (LocalRegistry registry = LocalRegistry.secured(tmp)) {
            String debian = registry.push(layout("debian"), "debian:latest");
            String ca = registry.caCertificate().toString();
            Path good = registry.authFile(LocalRegistry.USER, LocalRegistry.PASSWORD);
            Tools.Result ok = Ocisc.inProcess("layers", debian, "--cacert", ca, "--authfile", good.toString());
            assertEquals(0, ok.exitCode(), ok.stderr());

            Path bad = registry.authFile(LocalRegistry.USER, "not-the-password");
            Tools.Result refused = Ocisc.inProcess("sbom", debian, "--cacert", ca, "--authfile", bad.toString());
            assertEquals(3, refused.exitCode(), refused.stderr());
            assertEquals("", refused.stdout());
            assertEquals(1, refused.stderr().strip().lines().count(), refused.stderr());
            assertTrue(refused.stderr().contains("authentication failed for " + registry.host()), refused.stderr());
            assertTrue(refused.stderr().contains("check the credentials (--authfile FILE"), refused.stderr());

            Path empty = Files.writeString(tmp.resolve("empty-auth.json"), "{\"auths\": {}}");
            Tools.Result none = Ocisc.inProcess("sbom", debian, "--cacert", ca, "--authfile", empty.toString());
            assertEquals(3, none.exitCode(), none.stderr());
            assertEquals("ocisc: " + debian + ": " + registry.host() + " asks for credentials (HTTP 401) and none "
                    + "are stored for it (give --authfile FILE, or log in with docker login; REGISTRY_AUTH_FILE is "
                    + "read too)", none.stderr().strip());

            Path missing = tmp.resolve("no-auth.json");
            Tools.Result gone = Ocisc.inProcess("sbom", debian, "--cacert", ca, "--authfile", missing.toString());
            assertEquals(3, gone.exitCode(), gone.stderr());
            assertEquals("ocisc: " + missing + ": no such file (--authfile)", gone.stderr().strip());
            assertEquals("", none.stdout() + gone.stdout());
        }
    }

    /**
     * verify image of an image in a registry: its own SBOM passes, an SBOM of another image fails, a second build
     * in the registry is compared for require_reproducible, and the registry options reach it (TLS, credentials).
     */
    @Test
    void verifyImageOfAPushedImage() throws IOException {
        try (LocalRegistry registry = LocalRegistry.secured(tmp)) {
            String debian = registry.push(layout("debian"), "debian:latest");
            String again = registry.push(layout("debian"), "debian:v2");
            String alpine = registry.push(layout("alpine"), "alpine:latest");
            String[] access = {"--cacert", registry.caCertificate().toString(), "--authfile",
                    registry.authFile(LocalRegistry.USER, LocalRegistry.PASSWORD).toString()};
            Path own = tmp.resolve("debian.cdx.json");
            Tools.Result sbom = Ocisc.inProcess(concat(new String[] {"sbom", debian, "-o", own.toString()}, access));
            assertEquals(0, sbom.exitCode(), sbom.stderr());
            Path policy = tmp.resolve("policy.json");
            Files.writeString(policy, "{\"require_reproducible\": true}");

            Tools.Result pass = Ocisc.inProcess(concat(new String[] {"verify", "image", debian, "--sbom", own.toString(), "--policy",
                policy.toString(), "--rebuild", again}, access));
            assertEquals(0, pass.exitCode(), pass.stdout() + pass.stderr());
            assertTrue(pass.stdout().contains("[pass] sbom: ") && pass.stdout().contains("[pass] reproducible: "),
                    pass.stdout());

            Tools.Result other = Ocisc.inProcess(concat(new String[] {"verify", "image", alpine, "--sbom", own.toString()}, access));
            assertEquals(1, other.exitCode(), other.stdout() + other.stderr());
            assertTrue(other.stdout().contains("[FAIL] sbom") && other.stdout().contains("declared but absent"),
                    other.stdout());

            Tools.Result noCredentials = Ocisc.inProcess("verify", "image", debian, "--sbom", own.toString(), "--cacert",
                    registry.caCertificate().toString(), "--authfile",
                    registry.authFile(LocalRegistry.USER, "not-the-password").toString());
            assertEquals(3, noCredentials.exitCode(), noCredentials.stderr());
            assertEquals("", noCredentials.stdout());
            assertTrue(noCredentials.stderr().contains("authentication failed for " + registry.host()),
                    noCredentials.stderr());
        }
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
