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

    /**
     * A PKCS#8 private key with its public half: from the file itself (OpenSSL's and keygen's P-256 keys hold it;
     * Ed25519 keys always yield it), else from the {@link #publicBeside} file.
     */
    static SigningKey readPrivate(Path file) {
        String pem = read(file);
        try {
            return PemKeys.readPrivate(pem, () -> {
                Path pub = publicBeside(file);
                if (!Files.exists(pub)) {
                    throw new InvalidInputException(file, "holds no public key and there is no " + pub
                            + " beside it; write it with: openssl pkey -in " + file + " -pubout -out " + pub);
                }
                return readPublic(pub);
            });
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, e.getMessage());
        }
    }

    static PublicKey readPublic(Path file) {
        String pem = read(file);
        try {
            return PemKeys.readPublic(pem);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, e.getMessage());
        }
    }

    /** Where keygen puts a private key's public half: PREFIX.key (or .pem) beside PREFIX.pub, else NAME.pub. */
    static Path publicBeside(Path privateKey) {
        String name = privateKey.getFileName().toString();
        String prefix = name.endsWith(".key") || name.endsWith(".pem") ? name.substring(0, name.length() - 4) : name;
        return privateKey.resolveSibling(prefix + ".pub");
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
