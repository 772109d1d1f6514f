package dev.ocisc.dsse;

import dev.ocisc.failure.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Key files on disk: PEM in and out, the private one created with mode 0600 before a byte is written. */
public final class KeyFiles {
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    /** Larger than any key file, certificate chains and comments included; a bigger file is not a key. */
    private static final int MAX_BYTES = 1 << 20;

    private KeyFiles() {
    }

    /**
     * A PKCS#8 private key with its public half: from the file itself (OpenSSL's and keygen's P-256 keys hold it;
     * Ed25519 keys always yield it), else from the {@link #publicBeside} file.
     */
    public static SigningKey readPrivate(Path file) {
        String pem = read(file, "private");
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

    /**
     * {@link #readPrivate} on a thread of its own, followed by a first signature ({@link Signer#warmUp}): both are
     * slow before the JIT has warmed up, and overlap with whatever the caller does meanwhile. A null file gives a
     * null key.
     */
    public static CompletableFuture<SigningKey> readPrivateAhead(Path file) {
        if (file == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.supplyAsync(() -> {
            SigningKey k = readPrivate(file);
            Signer.warmUp(k);
            return k;
        }, r -> new Thread(r, "ocisc-key").start());
    }

    public static PublicKey readPublic(Path file) {
        String pem = read(file, "public");
        try {
            return PemKeys.readPublic(pem);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, e.getMessage());
        }
    }

    /** Where keygen puts a private key's public half: PREFIX.key (or .pem) beside PREFIX.pub, else NAME.pub. */
    public static Path publicBeside(Path privateKey) {
        String name = privateKey.getFileName().toString();
        String prefix = name.endsWith(".key") || name.endsWith(".pem") ? name.substring(0, name.length() - 4) : name;
        return privateKey.resolveSibling(prefix + ".pub");
    }

    /**
     * The file as text for the PEM reader. Its bytes are taken as they are (ISO-8859-1 maps each to a character):
     * a binary or non-ASCII file is then simply not PEM, and explanatory text around a PEM block may be anything.
     */
    private static String read(Path file, String kind) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file, "no such file");
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read key: " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidInputException(file, "not a PEM " + kind + " key (larger than 1 MiB)");
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /**
     * A new key pair in PREFIX.key (PKCS#8 PEM with the public key inside, mode 0600) and PREFIX.pub (SPKI PEM).
     * Neither file may exist: both are checked first, so that a refused public key leaves no fresh private key.
     */
    public static SigningKey generate(String prefix, KeyAlgorithm algorithm) {
        Path priv = Path.of(prefix + ".key");
        Path pub = publicBeside(priv);
        for (Path p : new Path[] {priv, pub}) {
            if (Files.exists(p)) {
                throw new InvalidInputException(p, "already exists; not overwriting a key");
            }
        }
        SigningKey key = SigningKey.generate(algorithm);
        create(priv, PemKeys.privateKeyPem(key), PRIVATE);
        create(pub, PemKeys.publicKeyPem(key.publicKey()), PUBLIC);
        return key;
    }

    /**
     * Writes {@code text} to a new file with {@code mode}: a temporary file created with that mode, then hard-linked
     * into place, so that an existing key is never overwritten and no reader sees a partial key.
     */
    private static void create(Path target, String text, Set<PosixFilePermission> mode) {
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
