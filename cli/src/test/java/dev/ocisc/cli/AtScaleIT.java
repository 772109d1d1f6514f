package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.testing.LocalRegistry;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/at-scale/audit-image.sh, the one job per image of docs/at-scale.md, against a real registry (Debian's
 * docker-registry) holding an image with its SBOM and signed provenance attached: the job writes its results under
 * the digest, a second run changes nothing, a finding is exit 1 with every report written, and a tag that is not
 * pinned is a usage error.
 */
class AtScaleIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPE = "https://example.org/buildtypes/umoci/v1";

    @TempDir
    Path tmp;

    private Tools.Result job(String ref, Path out, Path key) throws Exception {
        // The built jar behind an `ocisc` command, as the release's bin/ocisc would be on a worker.
        Path ocisc = tmp.resolve("bin/ocisc");
        if (!Files.exists(ocisc)) {
            Files.createDirectories(ocisc.getParent());
            Files.writeString(ocisc, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                    + "' -jar '" + Ocisc.jar() + "' \"$@\"\n");
            Files.setPosixFilePermissions(ocisc, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        ProcessBuilder pb = new ProcessBuilder("bash", TestData.root().resolve("docs/at-scale/audit-image.sh")
                .toString(), ref, out.toString());
        pb.environment().putAll(Map.of("OCISC", ocisc.toString(), "OCISC_KEY", key.toString(),
                "XDG_CACHE_HOME", tmp.resolve("cache").toString(), "HOME", tmp.toString()));
        pb.environment().remove("SOURCE_DATE_EPOCH");
        return Tools.run(pb);
    }

    private static Map<String, byte[]> files(Path dir) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    @Test
    void oneJobPerImageIsIdempotentAndSaysWhatFailed() throws Exception {
        Tools.require("skopeo");
        Path layout = TestData.path("oci/debian");
        try (LocalRegistry registry = LocalRegistry.plain(tmp.resolve("registry"))) {
            String tag = registry.host() + "/team/debian:12";
            registry.push("oci:" + layout.toAbsolutePath() + ":latest", "team/debian:12");
            assertEquals(0, Ocisc.inProcess("keygen", "-o", tmp.resolve("ci").toString()).exitCode());
            assertEquals(0, Ocisc.inProcess("keygen", "-o", tmp.resolve("other").toString()).exitCode());
            // What the build job attached: the image's SBOM and its signed provenance.
            Tools.Result sbom = Ocisc.inProcess("sbom", tag, "--attach", "-q");
            assertEquals(0, sbom.exitCode(), sbom.stderr());
            Path envelope = tmp.resolve("debian.intoto.jsonl");
            Tools.Result prov = Ocisc.inProcess("provenance", "--artifact", tag, "--build-type", TYPE, "--sign",
                    tmp.resolve("ci.key").toString(), "-o", envelope.toString());
            assertEquals(0, prov.exitCode(), prov.stderr());
            assertEquals(0, Ocisc.inProcess("attest", "attach", tag, envelope.toString()).exitCode());

            // The list of images, pinned: the digest from layers' JSON.
            Tools.Result layers = Ocisc.inProcess("layers", tag, "-f", "json", "-o", "-");
            assertEquals(0, layers.exitCode(), layers.stderr());
            String digest = JSON.readTree(layers.stdout()).path("images").path(0).path("manifest_digest").asText();
            String pinned = registry.host() + "/team/debian@" + digest;
            Path out = tmp.resolve("results");

            Tools.Result first = job(pinned, out, tmp.resolve("ci.pub"));
            assertEquals(0, first.exitCode(), first.stdout() + first.stderr());
            Path dir = out.resolve(digest.substring("sha256:".length()));
            Map<String, byte[]> made = files(dir);
            assertEquals(List.of("attest.json", "attest.md", "gate.json", "gate.md", "sbom.cdx.json",
                    "sbom.spdx.json", "verdict"), List.copyOf(made.keySet()));
            assertEquals("0\n", new String(made.get("verdict")));
            JsonNode gate = JSON.readTree(made.get("gate.json"));
            assertEquals("pass", gate.path("verdict").asText(), gate.toString());
            assertEquals("pass", JSON.readTree(made.get("attest.json")).path("verdict").asText());
            try (Stream<Path> s = Files.list(out)) {
                assertEquals(1, s.count(), "no work directory is left behind");
            }

            // Again: nothing changes (the results of a digest are final), and nothing is read again.
            Tools.Result again = job(pinned, out, tmp.resolve("ci.pub"));
            assertEquals(0, again.exitCode(), again.stderr());
            Map<String, byte[]> after = files(dir);
            assertEquals(made.keySet(), after.keySet());
            for (String f : made.keySet()) {
                assertArrayEquals(made.get(f), after.get(f), f);
            }
            // The same job from scratch writes the same bytes: ocisc's output is deterministic.
            Path out2 = tmp.resolve("results-2");
            assertEquals(0, job(pinned, out2, tmp.resolve("ci.pub")).exitCode());
            Map<String, byte[]> redone = files(out2.resolve(digest.substring("sha256:".length())));
            for (String f : made.keySet()) {
                assertArrayEquals(made.get(f), redone.get(f), f);
            }

            // A key that signed nothing here: a finding, exit 1, and every report still written.
            Path out3 = tmp.resolve("results-3");
            Tools.Result finding = job(pinned, out3, tmp.resolve("other.pub"));
            assertEquals(1, finding.exitCode(), finding.stderr());
            Path dir3 = out3.resolve(digest.substring("sha256:".length()));
            assertEquals("1\n", Files.readString(dir3.resolve("verdict")));
            assertEquals("fail", JSON.readTree(dir3.resolve("attest.json").toFile()).path("verdict").asText());
            assertTrue(Files.isRegularFile(dir3.resolve("sbom.cdx.json")));

            // A tag is not a pinned image: the job refuses it before reading anything.
            Tools.Result unpinned = job(tag, tmp.resolve("results-4"), tmp.resolve("ci.pub"));
            assertEquals(2, unpinned.exitCode());
            assertTrue(unpinned.stderr().contains("pin the image by digest"), unpinned.stderr());
            assertFalse(Files.exists(tmp.resolve("results-4")));
        }
    }
}
