package dev.ocisc.cli;

import dev.ocisc.graph.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes a file so that readers see the old content or the whole new content, never a part. */
final class AtomicOutput {
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
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.writeTo(out);
            }
            // Temp files are created owner-only; a report or SBOM is not a secret: keep the mode of the file
            // being replaced, else rw-r--r--.
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
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temp file is hidden and named after the target
                }
            }
        }
    }
}
