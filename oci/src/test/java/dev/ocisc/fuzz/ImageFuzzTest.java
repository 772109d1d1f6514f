package dev.ocisc.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ocisc.catalog.ImageCatalog;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.testing.FuzzInput;
import org.junit.jupiter.api.Timeout;

/**
 * An image archive as a user or a registry hands it over: the archive form, the tar reader with its
 * decompression guard, the OCI and Docker documents, and the catalog of what the layers hold, held to
 * {@link FuzzInput}'s contract.
 */
class ImageFuzzTest {
    @FuzzTest(maxDuration = "10s")
    @Timeout(10)
    void imageArchive(byte[] data) throws Exception {
        FuzzInput.asFile(data, ".tar", file -> ImageCatalog.of(file, ReadOptions.defaults()));
    }
}
