package dev.ocisc.cli;

import dev.ocisc.failure.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a file so that readers see the old content or the whole new content, never a part. The new content goes to
 * a hidden temp file beside the target, named {@code .NAME.ocisc-PID.tmp}, which is renamed over it. A run killed
 * on the way cannot remove its temp file (a shutdown hook does on SIGTERM and Ctrl-C, nothing does on SIGKILL): the
 * next write to the same target removes temp files of that name whose process is gone.
 */
final class AtomicOutput {
    private static final String TEMP_SUFFIX = ".tmp";
    private static final String TEMP_INFIX = ".ocisc-";
    /** Temp files being written now: removed at exit if the run ends before renaming them. */
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> IN_FLIGHT.forEach(AtomicOutput::deleteQuietly),
                "ocisc-temp-cleanup"));
    }

    private AtomicOutput() {
    }

    /** What goes into the file, written to a stream: large outputs need not be held whole first. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    static void write(Path target, byte[] content) {
        write(target, out -> out.write(content));
    }

    static void write(Path target, Content content) {
        if (Files.exists(target) && !Files.isRegularFile(target) && !Files.isDirectory(target)) {
            // A device or pipe (-o /dev/null, -o /dev/stdout, a FIFO): write into it. Renaming a temp file
            // over it would replace the device itself with a regular file.
            try (OutputStream out = Files.newOutputStream(target)) {
                content.writeTo(out);
                return;
            } catch (IOException e) {
                throw new InvalidInputException(target, "cannot write: " + e.getMessage());
            }
        }
        Path dir = target.toAbsolutePath().getParent();
        String name = target.getFileName().toString();
        Path tmp = dir.resolve("." + name + TEMP_INFIX + ProcessHandle.current().pid() + TEMP_SUFFIX);
        try {
            Files.createDirectories(dir);
            removeStale(dir, name);
            IN_FLIGHT.add(tmp);
            // Owner-only while written; this process's own name, so one left here by a dead process of the same
            // number is replaced.
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.writeTo(out);
            }
            // A report or SBOM is not a secret: keep the mode of the file being replaced, else rw-r--r--.
            Files.setPosixFilePermissions(tmp, Files.exists(target)
                    ? Files.getPosixFilePermissions(target) : PosixFilePermissions.fromString("rw-r--r--"));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new InvalidInputException(target, "cannot write: " + e.getMessage());
        } finally {
            deleteQuietly(tmp);
            IN_FLIGHT.remove(tmp);
        }
    }

    /**
     * Removes the temp files of earlier runs that wrote {@code name} in {@code dir} and are gone: regular files of
     * ocisc's own naming whose process number no running process has. Another run's file, still being written,
     * is left alone.
     */
    private static void removeStale(Path dir, String name) throws IOException {
        String prefix = "." + name + TEMP_INFIX;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path p : entries) {
                String f = p.getFileName().toString();
                String pid = f.endsWith(TEMP_SUFFIX) ? f.substring(prefix.length(), f.length() - TEMP_SUFFIX.length())
                        : "";
                boolean ours = pid.matches("[0-9]{1,18}");
                if (ours && ProcessHandle.of(Long.parseLong(pid)).isEmpty()
                        && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    deleteQuietly(p);
                }
            }
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the temp file is hidden and named after the target, and the next write tries again
        }
    }
}
