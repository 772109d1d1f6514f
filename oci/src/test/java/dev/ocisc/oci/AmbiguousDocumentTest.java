package dev.ocisc.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.TestLayouts.LayerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image documents that two readers would read as two images: a key twice (a registry or runtime taking the
 * first value, ocisc the last), or more after the document. Refused like any malformed document.
 */
class AmbiguousDocumentTest {
    @TempDir
    Path tmp;

    String refused(Path image) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ImageReader.read(image, ReadOptions.defaults(), FileListing::new));
        return e.getMessage().replace(image.toString(), "IMG");
    }

    @Test
    void anIndexListingItsManifestsTwice() throws Exception {
        Path dir = TestLayouts.write(tmp.resolve("img"), List.of(LayerSpec.tar(TestLayouts.tar("f etc/a hello"))));
        ImageReader.read(dir, ReadOptions.defaults(), FileListing::new);
        Path index = dir.resolve("index.json");
        String genuine = Files.readString(index);
        Files.writeString(index, genuine.replace("{\"schemaVersion\":2,\"manifests\":",
                "{\"schemaVersion\":2,\"manifests\":[],\"manifests\":"));
        assertEquals("IMG: index.json: duplicate key 'manifests' (line 1, column 46)", refused(dir));
        Files.writeString(index, genuine + "{}");
        assertEquals("IMG: index.json: trailing data after the JSON value (line 1, column " + (genuine.length() + 1)
                + ")", refused(dir));
    }
}
