package dev.ocisc.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.graph.InvalidInputException;
import dev.ocisc.oci.Limits;
import dev.ocisc.testing.RawTar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    private static final byte[] TAR = RawTar.concat(RawTar.file("etc/a", "a"), RawTar.end());

    @Test
    void tarsFollowTheTarRules() throws IOException {
        Path a = tmp.resolve("a.tar");
        Path b = tmp.resolve("b.tar");
        Files.write(a, RawTar.concat(RawTar.file("etc/a", "1"), RawTar.file("../etc/b", "2"), RawTar.end()));
        Files.write(b, TAR);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new TreeDiff(DiffOptions.DEFAULT).diff(a, b));
        assertTrue(e.getMessage().contains("escapes the root"), e.getMessage());
        Files.write(a, RawTar.concat(RawTar.file("etc/a", "1"), new RawTar.Header("etc/b", '0').badChecksum().bytes(),
                RawTar.end()));
        e = assertThrows(InvalidInputException.class, () -> new TreeDiff(DiffOptions.DEFAULT).diff(a, b));
        assertTrue(e.getMessage().contains("header checksum mismatch at offset 1024"), e.getMessage());
        Files.write(a, RawTar.concat(RawTar.file("etc/a", "1"), new RawTar.Header("etc/b", '0').size256(-512).bytes(),
                RawTar.end()));
        e = assertThrows(InvalidInputException.class, () -> new TreeDiff(DiffOptions.DEFAULT).diff(a, b));
        assertTrue(e.getMessage().contains("negative size"), e.getMessage());
        // A plain tar may hold a path twice: the diff reports it rather than refusing.
        Files.write(a, RawTar.concat(RawTar.file("etc/a", "1"), RawTar.file("etc/a", "a"), RawTar.end()));
        assertEquals(List.of("etc/a"), new TreeReader(Limits.defaults()).read(a).duplicates());
    }

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
