package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.failure.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several files written together (the formats of one SBOM run): all of them or none, never a temp file left. */
class AtomicOutputTest {
    @Test
    void everyFileGetsItsOwnContentAndAReplacedFileKeepsItsMode(@TempDir Path dir) throws Exception {
        Path kept = dir.resolve("b.csv");
        Files.writeString(kept, "old");
        Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-rw----"));
        Map<Path, AtomicOutput.Content> files = new LinkedHashMap<>();
        for (String name : List.of("a.json", "b.csv", "c.spdx", "d.xml")) {
            // Large enough to pass through the buffers several times, different per file.
            byte[] bytes = (name + "\n").repeat(50_000).getBytes(StandardCharsets.UTF_8);
            files.put(dir.resolve(name), o -> o.write(bytes));
        }
        AtomicOutput.writeAll(files);
        for (Path p : files.keySet()) {
            assertEquals((p.getFileName() + "\n").repeat(50_000), Files.readString(p));
        }
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("a.json"))));
        assertEquals(List.of(), tempFiles(dir));
    }

    @Test
    void oneFailingFileLeavesEveryTargetAsItWas(@TempDir Path dir) throws Exception {
        Path existing = dir.resolve("a.json");
        Files.writeString(existing, "before");
        Map<Path, AtomicOutput.Content> files = new LinkedHashMap<>();
        files.put(existing, o -> o.write("after".repeat(100_000).getBytes(StandardCharsets.UTF_8)));
        files.put(dir.resolve("b.csv"), o -> {
            o.write("half a row,".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        });
        files.put(dir.resolve("c.spdx"), o -> o.write('x'));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AtomicOutput.writeAll(files));
        assertTrue(e.getMessage().contains("b.csv") && e.getMessage().contains("disk full"), e.getMessage());
        assertEquals("before", Files.readString(existing));
        assertEquals(List.of(existing), listing(dir));
    }

    @Test
    void theFirstFailureInOrderIsTheOneReported(@TempDir Path dir) {
        Map<Path, AtomicOutput.Content> files = new LinkedHashMap<>();
        files.put(dir.resolve("a"), o -> {
            throw new IOException("first");
        });
        files.put(dir.resolve("b"), o -> {
            throw new IOException("second");
        });
        for (int i = 0; i < 5; i++) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> AtomicOutput.writeAll(files));
            assertTrue(e.getMessage().contains("first"), e.getMessage());
        }
    }

    /** -o on a link updates what it links to and leaves the link; a trial once saw /dev/stdout replaced by a file. */
    @Test
    void aLinkIsWrittenThroughNotReplaced(@TempDir Path dir) throws Exception {
        Path real = Files.writeString(Files.createDirectories(dir.resolve("real")).resolve("sbom.csv"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("sbom.csv"), real);
        Path dangling = Files.createSymbolicLink(dir.resolve("made.csv"), dir.resolve("real/made-here.csv"));
        Map<Path, AtomicOutput.Content> files = new LinkedHashMap<>();
        files.put(link, o -> o.write("new".getBytes(StandardCharsets.UTF_8)));
        files.put(dangling, o -> o.write("made".getBytes(StandardCharsets.UTF_8)));
        AtomicOutput.writeAll(files);
        assertTrue(Files.isSymbolicLink(link) && Files.isSymbolicLink(dangling));
        assertEquals("new", Files.readString(real));
        assertEquals("made", Files.readString(dir.resolve("real/made-here.csv")));
        assertEquals(List.of(), tempFiles(dir));
        assertEquals(List.of(), tempFiles(dir.resolve("real")));
    }

    private static List<Path> tempFiles(Path dir) throws IOException {
        return listing(dir).stream().filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
