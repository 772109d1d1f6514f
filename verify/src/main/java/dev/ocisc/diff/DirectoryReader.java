package dev.ocisc.diff;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.CompressionHeader;
import dev.ocisc.oci.Digest;
import dev.ocisc.oci.EntryType;
import dev.ocisc.oci.Limits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a directory tree without following symbolic links (a link is an entry, never a way out of the tree).
 * Entries are sorted by path because readdir order is not a property of the artifact.
 */
final class DirectoryReader {
    private final String source;
    private final Limits limits;
    private final ContentCapture capture;

    DirectoryReader(String source, Limits limits, ContentCapture capture) {
        this.source = source;
        this.limits = limits;
        this.capture = capture;
    }

    Tree read(Path root, String kind) throws IOException {
        List<Path> paths;
        try (Stream<Path> s = Files.walk(root)) {
            paths = s.sorted((x, y) -> root.relativize(x).toString().compareTo(root.relativize(y).toString()))
                    .toList();
        }
        if (paths.size() > limits.maxEntries()) {
            throw new InvalidInputException(source, "more than " + limits.maxEntries() + " entries (limit)");
        }
        List<Entry> entries = new ArrayList<>();
        Map<Object, String> inodes = new HashMap<>();
        for (Path p : paths) {
            String rel = root.relativize(p).toString();
            String path = rel.isEmpty() ? "." : rel;
            entries.add(entry(p, path, entries.size(), inodes));
        }
        return new Tree(source, kind, false, entries, null, CompressionHeader.NONE, null, null, List.of());
    }

    private Entry entry(Path p, String path, int position, Map<Object, String> inodes) throws IOException {
        Map<String, Object> unix = Files.readAttributes(p, "unix:mode,uid,gid,ino,dev,nlink,rdev,size,"
                + "lastModifiedTime,isDirectory,isSymbolicLink,isRegularFile,isOther", LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributes posix = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) unix.get("mode");
        int fmt = mode & 0170000;
        EntryType type = switch (fmt) {
            case 0100000 -> EntryType.FILE;
            case 0040000 -> EntryType.DIRECTORY;
            case 0120000 -> EntryType.SYMLINK;
            case 0020000 -> EntryType.CHAR_DEVICE;
            case 0060000 -> EntryType.BLOCK_DEVICE;
            case 0010000 -> EntryType.FIFO;
            default -> EntryType.OTHER;
        };
        String link = null;
        String sha = null;
        long size = 0;
        if (type == EntryType.SYMLINK) {
            link = Files.readSymbolicLink(p).toString();
        } else if (type == EntryType.FILE) {
            Object key = List.of(unix.get("dev"), unix.get("ino"));
            if ((Integer) unix.get("nlink") > 1 && inodes.containsKey(key)) {
                type = EntryType.HARDLINK;
                link = inodes.get(key);
            } else {
                inodes.put(key, path);
                size = (Long) unix.get("size");
                sha = hash(p, path, size);
            }
        }
        long rdev = ((Number) unix.get("rdev")).longValue();
        boolean device = type == EntryType.CHAR_DEVICE || type == EntryType.BLOCK_DEVICE;
        java.nio.file.attribute.FileTime mt = posix.lastModifiedTime();
        java.time.Instant t = mt.toInstant();
        return new Entry(path, path, "fs", type, mode & 07777, ((Number) unix.get("uid")).longValue(),
                ((Number) unix.get("gid")).longValue(), posix.owner().getName(), posix.group().getName(),
                t.getEpochSecond(), t.getNano(), size, sha, link, xattrs(p, type), device ? (rdev >>> 8) & 0xfff : 0,
                device ? (rdev & 0xff) | ((rdev >>> 12) & 0xfff00) : 0, position);
    }

    private String hash(Path p, String path, long size) throws IOException {
        MessageDigest md = Digest.newSha256();
        boolean keep = capture.wants(path);
        ByteArrayOutputStream kept = keep ? new ByteArrayOutputStream() : null;
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
                if (keep && kept.size() < capture.maxBytes()) {
                    kept.write(buf, 0, Math.min(n, capture.maxBytes() - kept.size()));
                }
            }
        }
        if (keep) {
            capture.put(path, kept.toByteArray(), size);
        }
        return Digest.sha256(md.digest()).hex();
    }

    /**
     * user.* extended attributes, named as tar's SCHILY.xattr records so a tar and a directory compare. Read for
     * regular files and directories only: Java reads them through an open file, and opening a FIFO waits for a
     * writer forever, opening a device may act on it. Those are compared by type and device numbers instead.
     */
    private static Map<String, String> xattrs(Path p, EntryType type) {
        Map<String, String> out = new TreeMap<>();
        if (type != EntryType.FILE && type != EntryType.HARDLINK && type != EntryType.DIRECTORY) {
            return out;
        }
        try {
            UserDefinedFileAttributeView v = Files.getFileAttributeView(p, UserDefinedFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (v == null) {
                return out;
            }
            for (String name : v.list()) {
                ByteBuffer b = ByteBuffer.allocate(v.size(name));
                v.read(name, b);
                out.put("SCHILY.xattr.user." + name, new String(b.array(), 0, b.position(), StandardCharsets.UTF_8));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // file systems without xattrs have none to compare
        }
        return out;
    }
}
