package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.failure.ExitCode;
import dev.ocisc.testing.LocalRegistry;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code provenance --artifact}: a statement about files another build made (ocisc's release archive). */
class ProvenanceArtifactTest {
    private static final String TYPE = "https://ocisc.dev/buildtypes/maven-release/v1";

    @Test
    void subjectIsTheFileByNameAndSha256(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ocisc-1.0.tar.gz"), "not really an archive\n");
        Tools.Result r = Ocisc.inProcess("provenance", "--artifact", file.toString(), "--build-type", TYPE,
                "-P", "commit=abc", "--finished-on", "2026-01-01T00:00:00Z");
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode st = new ObjectMapper().readTree(r.stdout());
        assertEquals("ocisc-1.0.tar.gz", st.path("subject").path(0).path("name").asText());
        Tools.require("sha256sum");
        String sum = Tools.check(dir, "sha256sum", file.getFileName().toString()).split(" ")[0];
        assertEquals(sum, st.path("subject").path(0).path("digest").path("sha256").asText());
        assertEquals(TYPE, st.at("/predicate/buildDefinition/buildType").asText());
        assertEquals("abc", st.at("/predicate/buildDefinition/externalParameters/commit").asText());
        assertEquals(0, st.at("/predicate/buildDefinition/resolvedDependencies").size());
    }

    @Test
    void artifactNeedsABuildTypeAndNoTarget(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a"), "a");
        Tools.Result noType = Ocisc.inProcess("provenance", "--artifact", file.toString());
        assertEquals(ExitCode.USAGE, noType.exitCode());
        assertTrue(noType.stderr().contains("--build-type"), noType.stderr());
        Tools.Result both = Ocisc.inProcess("provenance", "result", "--artifact", file.toString(), "--build-type",
                TYPE);
        assertEquals(ExitCode.USAGE, both.exitCode());
        assertTrue(both.stderr().contains("not both"), both.stderr());
        Tools.Result none = Ocisc.inProcess("provenance");
        assertEquals(ExitCode.USAGE, none.exitCode());
        Tools.Result missing = Ocisc.inProcess("provenance", "--artifact", dir.resolve("nope").toString(),
                "--build-type", TYPE);
        assertEquals(ExitCode.BAD_INPUT, missing.exitCode());
        assertTrue(missing.stderr().contains("nope"), missing.stderr());
    }

    /**
     * An image is a subject by its manifest digest (what registries, cosign and {@code attest verify IMAGE} name it
     * by), on disk and in a real registry alike; signed, the statement is found again attached to the image.
     */
    @Test
    void anImageIsASubjectByItsManifestDigest(@TempDir Path dir) throws Exception {
        Path layout = TestData.path("oci/debian");
        String manifest = new ObjectMapper().readTree(layout.resolve("index.json").toFile()).path("manifests")
                .path(0).path("digest").asText().substring("sha256:".length());
        Tools.Result local = Ocisc.inProcess("provenance", "--artifact", layout.toString(), "--build-type", TYPE);
        assertEquals(0, local.exitCode(), local.stderr());
        JsonNode st = new ObjectMapper().readTree(local.stdout());
        assertEquals("debian", st.path("subject").path(0).path("name").asText());
        assertEquals(manifest, st.path("subject").path(0).path("digest").path("sha256").asText());

        Tools.require("skopeo");
        try (LocalRegistry registry = LocalRegistry.plain(dir.resolve("registry"))) {
            String ref = registry.host() + "/team/debian:12";
            registry.push("oci:" + layout.toAbsolutePath() + ":latest", "team/debian:12");
            assertEquals(0, Ocisc.inProcess("keygen", "-o", dir.resolve("ci").toString()).exitCode());
            Path envelope = dir.resolve("debian.intoto.jsonl");
            Tools.Result signed = Ocisc.inProcess("provenance", "--artifact", ref, "--build-type", TYPE,
                    "--sign", dir.resolve("ci.key").toString(), "-o", envelope.toString());
            assertEquals(0, signed.exitCode(), signed.stderr());
            Tools.Result plain = Ocisc.inProcess("provenance", "--artifact", ref, "--build-type", TYPE);
            JsonNode remote = new ObjectMapper().readTree(plain.stdout());
            assertEquals(registry.host() + "/team/debian", remote.path("subject").path(0).path("name").asText());
            assertEquals(manifest, remote.path("subject").path(0).path("digest").path("sha256").asText());
            Tools.Result attached = Ocisc.inProcess("attest", "attach", ref, envelope.toString());
            assertEquals(0, attached.exitCode(), attached.stderr());
            Tools.Result verified = Ocisc.inProcess("attest", "verify", ref, "--key",
                    dir.resolve("ci.pub").toString());
            assertEquals(0, verified.exitCode(), verified.stdout() + verified.stderr());
        }
    }
}
