package dev.ocisc.slsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An image artifact is known by its manifest digest, whatever form it comes in, and only when it is intact. */
class ArtifactIdentityTest {
    static String manifestOfLayout(Path layout) throws Exception {
        return new ObjectMapper().readTree(layout.resolve("index.json").toFile())
                .at("/manifests/0/digest").asText().substring("sha256:".length());
    }

    @Test
    void layoutAndOciArchiveOfTheSameImageShareTheManifestDigest() throws Exception {
        String manifest = manifestOfLayout(TestData.path("oci/debian"));
        List<SortedMap<String, String>> layout = ArtifactIdentity.of(TestData.path("oci/debian"));
        assertEquals(2, layout.size(), layout.toString());
        assertTrue(layout.get(0).containsKey(ArtifactDigest.DIR_HASH));
        assertEquals(manifest, layout.get(1).get("sha256"));
        // skopeo made debian.oci.tar from debian/: same manifest; the archive's own bytes give the other set.
        List<SortedMap<String, String>> archive = ArtifactIdentity.of(TestData.path("oci/debian.oci.tar"));
        assertEquals(ArtifactDigest.sha256(TestData.path("oci/debian.oci.tar")), archive.get(0).get("sha256"));
        assertEquals(manifest, archive.get(1).get("sha256"));
    }

    @Test
    void plainFilesHaveOnlyTheirBytes() {
        Path drv = TestData.nixStore().resolve("nix/store/kisxr5av90ns7ldnx5cyynm85d0bl900-greeter-2.1.0.drv");
        assertEquals(List.of(ArtifactDigest.of(drv)), ArtifactIdentity.of(drv));
        // A tar that is no image is a file like any other (it was read as an image, and refused, before).
        Path tar = TestData.nixStore().resolve("nix/store/kxbh5m9siwc5z8drirh9hb5hh99mqppd-greeting-data-1.0.tar");
        assertEquals(List.of(ArtifactDigest.of(tar)), ArtifactIdentity.of(tar));
    }

    @Test
    void aTamperedImageIsNotVouchedFor(@TempDir Path tmp) throws Exception {
        Tools.require("cp");
        Path copy = tmp.resolve("alpine");
        Tools.check(null, "cp", "-a", TestData.path("oci/alpine").toString(), copy.toString());
        Path blobs = copy.resolve("blobs/sha256");
        String manifest = manifestOfLayout(copy);
        // Change a blob other than the manifest: the manifest digest still reads the same, but the image is not it.
        try (var files = Files.list(blobs)) {
            Path victim = files.filter(f -> !f.getFileName().toString().equals(manifest))
                    .filter(f -> !f.getFileName().toString().equals(configOf(copy, manifest))).findFirst()
                    .orElseThrow();
            byte[] b = Files.readAllBytes(victim);
            b[b.length / 2] ^= 1;
            Files.write(victim, b);
        }
        assertThrows(InvalidInputException.class, () -> ArtifactIdentity.of(copy));
    }

    private static String configOf(Path layout, String manifest) {
        try {
            return new ObjectMapper().readTree(layout.resolve("blobs/sha256/" + manifest).toFile())
                    .at("/config/digest").asText().substring("sha256:".length());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
