package dev.ocisc.diff;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.BlobStream;
import dev.ocisc.oci.CompressionHeader;
import dev.ocisc.oci.Digest;
import dev.ocisc.oci.EntryType;
import dev.ocisc.oci.Limits;
import dev.ocisc.oci.TarEntries;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one side of a diff into a {@link Tree}: a directory (a Nix store path is one), a tar (plain, gzip or
 * zstd), or any other file (one entry: its bytes). Told apart by content, not by name. One streaming pass; the
 * heap holds entry metadata only, plus whatever {@link ContentCapture} asks to keep.
 */
public final class TreeReader {
    private final Limits limits;

    public TreeReader(Limits limits) {
        this.limits = limits;
    }

    public Tree read(Path path) {
        return read(path, ContentCapture.NONE);
    }

    Tree read(Path path, ContentCapture capture) {
        String source = path.toString();
        try {
            Path real = path;
            if (Files.isSymbolicLink(path)) {
                // ./result and friends: the link given on the command line is followed once, at the top.
                real = path.toRealPath();
            }
            if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
                String kind = real.toString().startsWith("/nix/store/") ? "nix-store-path" : "directory";
                return new DirectoryReader(source, limits, capture).read(real, kind);
            }
            if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException(source, Files.exists(real) ? "not a file or directory"
                        : "no such file or directory");
            }
            return readFile(source, real, capture);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(source, "no such file or directory");
        } catch (IOException e) {
            throw new InvalidInputException(source, "cannot read: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new InvalidInputException(source, "cannot read: " + e.getCause().getMessage());
        }
    }

    /** SHA-256 of a file's bytes, nothing decoded: decides identical inputs without decompressing them. */
    public static String digest(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Digest.sha256Of(in).hex();
        } catch (IOException e) {
            throw InvalidInputException.unreadable(file, e);
        }
    }

    private Tree readFile(String source, Path file, ContentCapture capture) throws IOException {
        try (InputStream fileIn = Files.newInputStream(file)) {
            return readStream(source, file.getFileName().toString(), fileIn, capture);
        }
    }

    /**
     * Reads a tar (plain, gzip or zstd) or any other bytes from a stream. The stream is read to its end (so that
     * the digests cover it all) but not closed.
     *
     * @param name the file name an entry for non-tar bytes carries
     */
    Tree readStream(String source, String name, InputStream fileIn, ContentCapture capture) {
        return readStream(source, name, fileIn, capture, false);
    }

    /**
     * Reads an image layer: a tar whatever its first bytes say (a layer is never "just a file"), read under the
     * rules for layers (no path twice).
     */
    Tree readLayer(String source, String name, InputStream blob, ContentCapture capture) {
        return readStream(source, name, blob, capture, true);
    }

    private Tree readStream(String source, String name, InputStream fileIn, ContentCapture capture, boolean layer) {
        try {
            return readOpen(source, name, fileIn, capture, layer);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new InvalidInputException(source, "corrupt compressed data: " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException(source, "cannot read: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new InvalidInputException(source, "cannot read: " + e.getCause().getMessage());
        }
    }

    private Tree readOpen(String source, String name, InputStream fileIn, ContentCapture capture, boolean layer)
            throws IOException {
        BlobStream blob = new BlobStream(fileIn).open(limits, source);
        CompressionHeader compression = blob.header();
        BufferedInputStream content = new BufferedInputStream(blob.content(), 64 * 1024);
        if (!layer && !TarEntries.startsWithHeader(content)) {
            return single(source, name, content, capture, blob);
        }
        TarParser.Result r = new TarParser(layer ? TarEntries.layer(content, source, limits)
                : TarEntries.tar(content, source, limits), capture).parse();
        if (capture.done()) {
            // a second, capturing read: the bytes it wanted are in; the rest was hashed before
            return new Tree(source, "tar", true, r.entries(), r.encoding(), compression, null, null, List.of());
        }
        blob.drain();
        return new Tree(source, "tar", true, r.entries(), r.encoding(), compression, blob.digest().hex(),
                blob.contentDigest().hex(), duplicates(r.entries()));
    }

    /** A file that is not a tar is one entry: only its bytes are the artifact, not its file-system metadata. */
    private Tree single(String source, String name, InputStream content, ContentCapture capture, BlobStream blob)
            throws IOException {
        String path = ".";
        boolean keep = capture.wants(path);
        java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        long size = 0;
        MessageDigest md = Digest.newSha256();
        int n;
        while ((n = content.read(buf)) > 0) {
            md.update(buf, 0, n);
            if (keep && kept.size() < capture.maxBytes()) {
                kept.write(buf, 0, Math.min(n, capture.maxBytes() - kept.size()));
            }
            size += n;
        }
        blob.drain();
        if (keep) {
            capture.put(path, kept.toByteArray(), size);
        }
        Entry e = new Entry(path, name, "fs", EntryType.FILE, 0, 0, 0, "", "", 0, 0,
                size, Digest.sha256(md.digest()).hex(), null, Map.of(), 0, 0, 0);
        return new Tree(source, "file", false, List.of(e), null, blob.header(), blob.digest().hex(),
                blob.contentDigest().hex(), List.of());
    }

    private static List<String> duplicates(List<Entry> entries) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.Set<String> dup = new java.util.TreeSet<>();
        for (Entry e : entries) {
            if (!seen.add(e.path())) {
                dup.add(e.path());
            }
        }
        return new ArrayList<>(dup);
    }
}
