package dev.ocisc.slsa;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The digests of an artifact on disk that anyone can recompute with common tools: {@code sha256} of a regular
 * file's bytes ({@code sha256sum}), and in-toto's {@code dirHash} of a directory:
 * {@code find . -type f | cut -c3- | LC_ALL=C sort | xargs -r sha256sum | sha256sum}. dirHash covers regular
 * files only: symlinks, empty directories and modes are not in it (the NAR hash covers them).
 */
public final class ArtifactDigest {
    public static final String SHA256 = "sha256";
    public static final String DIR_HASH = "dirHash";

    private ArtifactDigest() {
    }

    /** {@code sha256} for a file, {@code dirHash} for a directory, empty for a symlink (not followed). */
    public static SortedMap<String, String> of(Path p) {
        SortedMap<String, String> d = new TreeMap<>();
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            d.put(SHA256, sha256(p));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            d.put(DIR_HASH, dirHash(p));
        } else if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(p, "no such file or directory");
        }
        return d;
    }

    public static String sha256(Path file) {
        MessageDigest md = Digest.newSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw InvalidInputException.unreadable(file, e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public static String dirHash(Path dir) {
        List<byte[]> names = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .forEach(f -> names.add(relative(dir, f).getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InvalidInputException(dir, "cannot read directory: " + e.getMessage());
        }
        // LC_ALL=C sort: by bytes, not by UTF-16 code units as String.compareTo would.
        names.sort(Arrays::compareUnsigned);
        MessageDigest outer = Digest.newSha256();
        for (byte[] name : names) {
            String rel = new String(name, StandardCharsets.UTF_8);
            if (rel.indexOf('\n') >= 0 || rel.indexOf('\\') >= 0) {
                // sha256sum escapes such names, and dirHash tools disagree about them: refuse, don't guess.
                throw new InvalidInputException(dir.resolve(rel), "file name with a newline or backslash "
                        + "cannot be put in a dirHash");
            }
            outer.update((sha256(dir.resolve(rel)) + "  ").getBytes(StandardCharsets.US_ASCII));
            outer.update(name);
            outer.update((byte) '\n');
        }
        return HexFormat.of().formatHex(outer.digest());
    }

    private static String relative(Path dir, Path f) {
        StringBuilder sb = new StringBuilder();
        for (Path part : dir.relativize(f)) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.toString();
    }
}
