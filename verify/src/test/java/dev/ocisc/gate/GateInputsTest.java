package dev.ocisc.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.failure.UsageException;
import dev.ocisc.oci.ImageLocation;
import dev.ocisc.oci.ImageReference;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.progress.Narration;
import dev.ocisc.slsa.Policy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What verify image is given, checked before anything is read, and what the gate then reads. */
class GateInputsTest {
    @TempDir
    Path dir;

    private final List<String> located = new ArrayList<>();

    private Function<String, ImageLocation> local() {
        return arg -> {
            located.add(arg);
            return new ImageLocation.Local(Path.of(arg));
        };
    }

    @Test
    void anAttestationWithoutItsKeyIsRefusedBeforeTheImageIsLookedAt() {
        UsageException e = assertThrows(UsageException.class, () -> GateInputs.checked("img", null,
                dir.resolve("a.intoto.jsonl"), null, null, null, local()));
        assertEquals("--attestation FILE and --key PUB.pem go together", e.getMessage());
        assertTrue(located.isEmpty(), located::toString);
    }

    @Test
    void aKeyAloneIsForAnImageInARegistry() {
        UsageException e = assertThrows(UsageException.class, () -> GateInputs.checked("img", null, null,
                dir.resolve("pub.pem"), null, null, local()));
        assertTrue(e.getMessage().contains("(--key alone: the attestations attached to an image in a registry)"),
                e.getMessage());
        assertEquals(List.of("img"), located);
    }

    @Test
    void nothingToVerifyOnThisMachineIsAUsageError() {
        UsageException e = assertThrows(UsageException.class, () -> GateInputs.checked("img", null, null, null,
                null, null, local()));
        assertEquals("nothing to verify: give --sbom FILE, --attestation FILE --key PUB.pem and/or --policy FILE",
                e.getMessage());
    }

    @Test
    void anImageInARegistryMayLookForWhatIsAttachedToIt() {
        ImageReference ref = new ImageReference("localhost:5000", "app", "1", null);
        GateInputs.checked("localhost:5000/app:1", null, null, null, null, null, arg -> ref);
        GateInputs.checked("localhost:5000/app:1", null, null, dir.resolve("pub.pem"), null, null, arg -> ref);
    }

    @Test
    void anSbomFileIsReadByTheGateNotWhenResolved() {
        Path missing = dir.resolve("absent.cdx.json");
        GateInputs.Resolved r = GateInputs.checked("img", missing, null, null, null, "again", local())
                .resolve(ReadOptions.defaults(), Narration.NONE);
        GateInputs.Ready ready = assertInstanceOf(GateInputs.Ready.class, r);
        assertEquals(new ImageLocation.Local(Path.of("img")), ready.image());
        assertEquals(new ImageLocation.Local(Path.of("again")), ready.rebuild());
        assertNotNull(ready.sbom());
        assertNull(ready.sbom().attached());
        assertNull(ready.attestation());
        assertEquals(Policy.none(), ready.policy());
        assertEquals(List.of("img", "again"), located);
        assertThrows(RuntimeException.class, () -> ready.sbom().read());
    }
}
