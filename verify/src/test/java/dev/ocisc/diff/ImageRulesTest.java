package dev.ocisc.diff;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.graph.InvalidInputException;
import dev.ocisc.oci.Limits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diff} judges images and tars by the rules every command applies (oci's tar reader, limits and layer
 * checks): what {@code sbom} refuses, a diff refuses too, even between an image and itself.
 */
class ImageRulesTest {
    @TempDir
    Path tmp;

    @Test
    void compressionBombsAreStoppedAtTheRatioEveryCommandUses() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
        }
        Path bomb = tmp.resolve("zeros.gz");
        Files.write(bomb, gz.toByteArray());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new TreeReader(Limits.defaults()).read(bomb));
        assertTrue(e.getMessage().contains("decompression ratio above " + Limits.defaults().maxRatio() + ":1"),
                e.getMessage());
    }
}
