package dev.ocisc.cli;

import dev.ocisc.dsse.PemKeys;
import dev.ocisc.dsse.SigningKey;
import dev.ocisc.graph.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.Set;

/** Key files on disk: PEM in and out, the private one created with mode 0600 before a byte is written. */
final class KeyFiles {
    static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    private KeyFiles() {
    }

    static SigningKey readPrivate(Path file) {
        try {
            return PemKeys.readPrivate(read(file));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, e.getMessage());
        }
    }

    static PublicKey readPublic(Path file) {
        try {
            return PemKeys.readPublic(read(file));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, e.getMessage());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read key: " + e.getMessage());
        }
    }

    /**
     * Writes {@code text} to a new file with {@code mode}: a temporary file created with that mode, then hard-linked
     * into place, so that an existing key is never overwritten and no reader sees a partial key.
     */
    static void create(Path target, String text, Set<PosixFilePermission> mode) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PRIVATE));
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(tmp, mode);
            // A hard link fails if the target exists (a rename would silently replace it); the temp file is
            // removed below.
            try {
                Files.createLink(target, tmp);
            } catch (UnsupportedOperationException e) {
                Files.move(tmp, target);
            }
        } catch (FileAlreadyExistsException e) {
            throw new InvalidInputException(target, "already exists; not overwriting a key");
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
