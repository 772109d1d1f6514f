package dev.ocisc.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ocisc.catalog.ImageCatalog;
import dev.ocisc.graph.InvalidInputException;
import dev.ocisc.oci.ReadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * An image archive as a user or a registry hands it over: the archive form, the tar reader with its
 * decompression guard, the OCI and Docker documents, and the catalog of what the layers hold. The answer is a
 * catalog or {@link InvalidInputException} (exit 3); anything else, a hang or running out of memory is a
 * finding.
 */
class ImageFuzzTest {
    @FuzzTest(maxDuration = "10s")
    @Timeout(10)
    void imageArchive(byte[] data) throws IOException {
        Path file = Files.createTempFile("ocisc-fuzz", ".tar");
        try {
            Files.write(file, data);
            ImageCatalog.of(file, ReadOptions.defaults());
        } catch (InvalidInputException expected) {
            // bad input, reported as such
        } finally {
            Files.delete(file);
        }
    }
}
