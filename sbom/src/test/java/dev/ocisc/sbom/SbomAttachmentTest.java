package dev.ocisc.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ocisc.failure.UsageException;
import dev.ocisc.oci.ImageReference;
import dev.ocisc.target.Target;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which SBOM sbom --attach pushes, and where: checked before anything is read. */
class SbomAttachmentTest {
    private static final Target REMOTE = Target.of("localhost:5000/app:1", null);

    @Test
    void cycloneDxByDefaultOrSpdxJson() {
        SbomAttachment cdx = SbomAttachment.checked(List.of(), REMOTE);
        assertEquals(new ImageReference("localhost:5000", "app", "1", null), cdx.image());
        assertEquals("application/vnd.cyclonedx+json", cdx.artifactType());
        assertEquals("application/spdx+json", SbomAttachment.checked(List.of(Format.SPDX_JSON, Format.SPDX_JSON),
                REMOTE).artifactType());
    }

    @Test
    void oneJsonFormatOnly() {
        String one = "--attach pushes one SBOM: -f cyclonedx-json (default) or -f spdx-json";
        assertEquals(one, assertThrows(UsageException.class, () -> SbomAttachment.checked(
                List.of(Format.CYCLONEDX_JSON, Format.SPDX_JSON), REMOTE)).getMessage());
        assertEquals(one, assertThrows(UsageException.class, () -> SbomAttachment.checked(List.of(Format.CSV),
                REMOTE)).getMessage());
    }

    @Test
    void anImageInARegistryOnly(@TempDir Path dir) {
        assertEquals("--attach needs an image in a registry (REGISTRY/REPO:TAG or @sha256:HEX), not standard input",
                assertThrows(UsageException.class, () -> SbomAttachment.checked(List.of(), null)).getMessage());
        Target local = Target.of(dir.toString(), null);
        assertEquals("--attach needs an image in a registry (REGISTRY/REPO:TAG or @sha256:HEX), not "
                + local.describe(), assertThrows(UsageException.class,
                        () -> SbomAttachment.checked(List.of(), local)).getMessage());
    }
}
