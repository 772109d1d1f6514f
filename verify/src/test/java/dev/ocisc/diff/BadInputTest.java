package dev.ocisc.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.Limits;
import dev.ocisc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile or broken inputs: bounded, never followed out of the tree, one error naming the file. */
class BadInputTest {
    @TempDir
    Path dir;

    @Test
    void decompressionBombIsStoppedByTheRatioCap() throws Exception {
        Tools.require("gzip");
        Path zeros = dir.resolve("zeros");
        Files.write(zeros, new byte[64 << 20]);
        Tools.check(dir, "gzip", "-n", "zeros");
        Path gz = dir.resolve("zeros.gz");
        // ratio 100 past the first MiB; then a total of 8 MiB
        Limits tight = new Limits(8L << 20, 1L << 40, 100, 1 << 20, 1000, 1 << 20, 1 << 20, 100);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new TreeReader(tight).read(gz));
        assertTrue(e.getMessage().startsWith(gz.toString()) && e.getMessage().contains("ratio"), e.getMessage());
        Limits small = new Limits(8L << 20, 8L << 20, 100_000, 1 << 20, 1000, 1 << 20, 1 << 20, 100);
        InvalidInputException e2 = assertThrows(InvalidInputException.class,
                () -> new TreeReader(small).read(gz));
        assertTrue(e2.getMessage().contains("limit"), e2.getMessage());
    }

    @Test
    void symlinksAreEntriesNotWaysOut() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.createSymbolicLink(a.resolve("escape"), Path.of("/etc"));
        Files.createSymbolicLink(b.resolve("escape"), Path.of("/usr"));
        Drift d = new TreeDiff(DiffOptions.DEFAULT).diff(a, b);
        Finding f = d.findings().stream().filter(x -> x.field().equals("link")).findFirst().orElseThrow();
        assertEquals("escape", f.path());
        assertEquals("/etc", f.a());
        assertTrue(d.findings().stream().noneMatch(x -> x.path().startsWith("escape/")), d.findings()::toString);
    }

    /** A FIFO is an entry compared by type; opening it (to read its extended attributes) would hang the diff. */
    @Test
    void fifosAreComparedByTypeWithoutBeingOpened() throws Exception {
        Tools.require("mkfifo");
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Tools.check(dir, "mkfifo", a.resolve("pipe").toString(), a.resolve("same").toString(),
                b.resolve("same").toString());
        Files.writeString(b.resolve("pipe"), "a file now");
        // One mkfifo call may straddle a clock tick on a loaded machine: the two "same" FIFOs get one time, by
        // touch (utimensat on the path; Java would open the FIFO for that and wait for a writer).
        Tools.check(dir, "touch", "-m", "-d", "@1700000000", a.resolve("same").toString(),
                b.resolve("same").toString());
        Drift d = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> new TreeDiff(DiffOptions.DEFAULT).diff(a, b));
        Finding f = d.findings().stream().filter(x -> x.path().equals("pipe")).findFirst().orElseThrow();
        assertEquals("type", f.field());
        assertEquals("fifo", f.a());
        assertTrue(d.findings().stream().noneMatch(x -> x.path().equals("same")), d.findings()::toString);
    }

    @Test
    void notATarIsOneFileAndBinaryDiffsShowAHexWindow() throws Exception {
        Path a = dir.resolve("a.bin");
        Path b = dir.resolve("b.bin");
        byte[] x = new byte[5000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (byte) (i * 7);
        }
        Files.write(a, x);
        x[4100] = 0x55;
        Files.write(b, x);
        Drift d = new TreeDiff(DiffOptions.DEFAULT).diff(a, b);
        assertEquals(1, d.contents().size());
        ContentDiff c = d.contents().get(0);
        assertEquals("hex", c.kind());
        assertEquals(4100, c.firstDifference());
        assertTrue(c.text().contains("00001000 "), c.text());
    }

    @Test
    void truncatedTarNamesTheFile() throws Exception {
        Tools.require("tar");
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.write(src.resolve("big"), new byte[10_000]);
        Path tar = dir.resolve("t.tar");
        Tools.check(dir, "tar", "-C", src.toString(), "-cf", tar.toString(), ".");
        byte[] all = Files.readAllBytes(tar);
        Path cut = dir.resolve("cut.tar");
        Files.write(cut, java.util.Arrays.copyOf(all, 3000));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new TreeReader(Limits.defaults()).read(cut));
        assertTrue(e.getMessage().startsWith(cut.toString() + ": truncated"), e.getMessage());
    }

    @Test
    void hintsNameTheBuildPath() {
        ContentExplainer ex = new ContentExplainer(Map.of("/srv/b1", DriftClass.BUILD_PATH));
        assertEquals(DriftClass.BUILD_PATH, ex.classOf("cc -I/srv/b1/include", "cc -I/srv/b22/include"));
        assertEquals(DriftClass.EMBEDDED_TIME, ex.classOf("Tue Mar  4 10:00:01 UTC", "Tue Mar  4 10:00:09 UTC"));
        assertEquals(DriftClass.CONTENT, ex.classOf("1.0", "1.1"));
        assertEquals(DriftClass.RANDOMNESS, ex.classOf("9f3ac2e81b7d4410", "03b1c9a7de2f5568"));
        assertEquals(Set.of(), new DiffOptions(Set.of(), List.of(), Map.of(), Limits.defaults()).ignore());
    }
}
