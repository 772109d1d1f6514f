package dev.ocisc.attest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.failure.UsageException;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.progress.Narration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether attest verify reads a file or what is attached to an image, decided before anything is fetched. */
class AttestationSourceTest {
    @TempDir
    Path dir;

    private final List<String> said = new ArrayList<>();
    private final Narration narration = new Narration() {
        @Override
        public <T> T stage(String what, Supplier<T> work) {
            said.add(what);
            return work.get();
        }

        @Override
        public void verbose(String text) {
            said.add(text);
        }

        @Override
        public void warn(String text) {
            said.add("warning: " + text);
        }
    };

    @Test
    void anImageNeedsNoArtifactItIsItsOwnSubject() {
        for (String[] given : new String[][] {{"img.tar", null}, {null, "sha256:" + "0".repeat(64)}}) {
            UsageException e = assertThrows(UsageException.class, () -> AttestationSource.of("localhost:5000/app:1",
                    given[0], given[1], ReadOptions.defaults(), dir.resolve("pub.pem"), narration));
            assertEquals("--artifact and --digest are for a file; an image's attestations must name the image "
                    + "itself", e.getMessage());
        }
        assertEquals(List.of(), said);
    }

    @Test
    void aFileIsReadAsOneWhatItHoldsIsTheError() throws Exception {
        Path file = dir.resolve("app.intoto.jsonl");
        Files.writeString(file, "not an attestation\n");
        Path key = dir.resolve("pub.pem");
        assertThrows(InvalidInputException.class, () -> AttestationSource.of(file.toString(), null,
                "sha256:" + "0".repeat(64), ReadOptions.defaults(), key, narration));
        assertEquals(List.of("reading " + file + " with the key " + key), said);
    }

    @Test
    void aBadDigestIsRefusedBeforeTheFileIsRead() throws Exception {
        Path file = dir.resolve("a.intoto.jsonl");
        Files.writeString(file, "{}\n");
        UsageException e = assertThrows(UsageException.class, () -> AttestationSource.of(file.toString(), null,
                "sha256:xyz", ReadOptions.defaults(), dir.resolve("pub.pem"), narration));
        assertEquals("--digest takes ALG:HEX (e.g. sha256:4e1f...), got 'sha256:xyz'", e.getMessage());
        assertEquals(List.of(), said, "the digest is checked before the file is read");
    }
}
