package dev.ocisc.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.testing.Tools;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layers that Debian's umoci writes with {@code insert} end without padding or end-of-archive marker (see
 * REFERENCE.md); they are complete and must be read, while a layer cut short is still refused by its digest.
 */
class UmociInsertTest {
    @TempDir
    Path dir;

    Path image() throws Exception {
        Tools.require("umoci");
        Path layout = dir.resolve("img");
        Tools.check(dir, "umoci", "init", "--layout", layout.toString());
        Tools.check(dir, "umoci", "new", "--image", layout + ":t");
        Path file = dir.resolve("x.conf");
        Files.writeString(file, "hello from umoci insert\n");
        Tools.check(dir, "umoci", "insert", "--image", layout + ":t", file.toString(), "/etc/x.conf");
        return layout;
    }

    @Test
    void insertedLayerWithoutEndMarkerIsRead() throws Exception {
        ScannedImage<LayerListing> s = ImageReaderTest.read(image());
        Filesystem fs = ImageReaderTest.flat(s);
        assertTrue(fs.get("etc/x.conf").isPresent(), fs.files().keySet().toString());
        assertEquals(24, fs.get("etc/x.conf").get().size());
    }

    @Test
    void aCutLayerIsStillRefused() throws Exception {
        Path layout = image();
        ScannedImage<LayerListing> s = ImageReaderTest.read(layout);
        Layer l = s.image().layers().get(0);
        Path blob = layout.resolve("blobs/sha256/" + l.digest().hex());
        try (RandomAccessFile f = new RandomAccessFile(blob.toFile(), "rw")) {
            f.setLength(f.length() - 5);
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageReaderTest.read(layout));
        assertTrue(e.getMessage().contains(l.digest().toString()), e.getMessage());
    }
}
