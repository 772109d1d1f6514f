package dev.ocisc.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.progress.Progress;
import dev.ocisc.testing.RecordingProgress;
import dev.ocisc.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Reading an image reports the bytes of its layer blobs as stored: each blob once, all of them, then done. */
class ImageReaderProgressTest {
    private static ScannedImage<LayerSummary> read(Path image, Progress progress) {
        return ImageReader.read(image, ReadOptions.defaults().withProgress(progress), LayerSummarizer::new);
    }

    /** A layout directory and a docker-archive (whose manifest.json gives no sizes): the blobs' bytes, once each. */
    @ParameterizedTest
    @ValueSource(strings = {"oci/debian", "oci/nix-umoci", "oci/nix-greeter.tar", "oci/debian.docker.tar"})
    void countsEachLayerBlobOnce(String fixture) {
        RecordingProgress progress = new RecordingProgress();
        ScannedImage<LayerSummary> scanned = read(TestData.path(fixture), progress);
        Map<Digest, Long> blobs = new HashMap<>();
        scanned.layers().forEach(l -> blobs.put(l.blobDigest(), l.blobSize()));
        long bytes = blobs.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(bytes > 0, fixture + " has layers");
        RecordingProgress.Task task = progress.only();
        assertEquals("reading image", task.label);
        assertEquals(Progress.Unit.BYTES, task.unit);
        assertEquals(bytes, task.total, "what was announced");
        assertEquals(bytes, task.advanced.get(), "what was counted");
        assertTrue(task.closed.get());
    }

    /** A whole-compressed archive is only known as it streams past: its own bytes are the count. */
    @Test
    void countsAWholeCompressedArchiveByItsFile() throws Exception {
        Path gz = TestData.path("oci/nix-greeter.tar.gz");
        RecordingProgress progress = new RecordingProgress();
        read(gz, progress);
        RecordingProgress.Task task = progress.only();
        assertEquals(Files.size(gz), task.total);
        assertEquals(Files.size(gz), task.advanced.get());
        assertTrue(task.closed.get());
    }

    /** A failed read takes its display down too: nothing is left drawn under the error. */
    @Test
    void aFailedReadIsDoneToo(@TempDir Path tmp) throws Exception {
        Path layout = tmp.resolve("layout");
        TestData.copyTree(TestData.path("oci/debian"), layout);
        try (var blobs = Files.walk(layout.resolve("blobs/sha256"))) {
            Path biggest = blobs.filter(Files::isRegularFile).max((a, b) -> Long.compare(a.toFile().length(),
                    b.toFile().length())).orElseThrow();
            byte[] bytes = Files.readAllBytes(biggest);
            bytes[bytes.length / 2] ^= 1;
            Files.write(biggest, bytes);
        }
        RecordingProgress progress = new RecordingProgress();
        assertThrows(InvalidInputException.class, () -> read(layout, progress));
        assertTrue(progress.only().closed.get());
    }
}
