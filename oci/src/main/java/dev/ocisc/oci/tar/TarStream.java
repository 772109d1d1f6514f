package dev.ocisc.oci.tar;

import dev.ocisc.graph.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a layer tar as a stream and hands each entry to a handler, refusing what a hostile layer could use:
 * names that climb out with {@code ..}, hard links to anything but an earlier entry of the same layer,
 * duplicate paths, and more entries than the limit.
 */
public final class TarStream {
    private TarStream() {
    }

    /**
     * @param source names the layer in error messages
     */
    public static <T> T read(InputStream tar, String source, long maxEntries, EntryHandler<T> handler) {
        // Which paths this layer wrote, and whether each is a directory: for duplicates and hard links.
        Map<String, EntryType> seen = new HashMap<>();
        byte[] buf = new byte[64 * 1024];
        long count = 0;
        try {
            TarArchiveInputStream in = new TarArchiveInputStream(new EndTolerantInputStream(tar), 512);
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (++count > maxEntries) {
                    throw new InvalidInputException(source, "more than " + maxEntries + " tar entries");
                }
                String path = Paths.normalize(e.getName());
                if (path == null) {
                    throw new InvalidInputException(source, "tar entry '" + e.getName() + "' escapes the root");
                }
                EntryType type = typeOf(e);
                String link = null;
                if (type == EntryType.HARDLINK) {
                    link = Paths.normalize(e.getLinkName());
                    if (link == null || link.isEmpty()) {
                        throw new InvalidInputException(source, "hard link '" + e.getName() + "' -> '"
                                + e.getLinkName() + "' escapes the root");
                    }
                    EntryType target = seen.get(link);
                    if (target == null || target == EntryType.DIRECTORY) {
                        throw new InvalidInputException(source, "hard link '" + e.getName() + "' -> '"
                                + e.getLinkName() + "' does not name an earlier file of this layer");
                    }
                } else if (type == EntryType.SYMLINK) {
                    link = e.getLinkName();
                }
                EntryType before = seen.put(path, type);
                // Layers must not hold a path twice; a repeated directory is harmless (some writers emit the
                // parents of every file), anything else makes "which one wins" writer-dependent.
                if (before != null && !(before == EntryType.DIRECTORY && type == EntryType.DIRECTORY)) {
                    throw new InvalidInputException(source, "duplicate tar entry '" + path + "'");
                }
                long size = type == EntryType.FILE ? e.getSize() : 0;
                handler.entry(new TarEntry(path, type, e.getMode(), size, link, e.getLongUserId(),
                        e.getLongGroupId(), e.getModTime().getTime() / 1000));
                if (type == EntryType.FILE) {
                    long left = size;
                    while (left > 0) {
                        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                        if (n < 0) {
                            throw new InvalidInputException(source, "truncated tar: '" + path + "' ends "
                                    + left + " bytes early");
                        }
                        handler.data(buf, 0, n);
                        left -= n;
                    }
                }
                handler.endEntry();
            }
            return handler.finish();
        } catch (IOException | IllegalArgumentException ex) {
            if (ex.getCause() instanceof InvalidInputException iie) {
                throw iie;
            }
            throw new InvalidInputException(source, "unreadable tar: " + ex.getMessage());
        }
    }

    /**
     * The name of the first entry other than the root itself ({@code ./}), normalised (as written when it climbs
     * out); empty for a tar with no such entry. Reads headers and their PAX or GNU name records, no content.
     */
    public static Optional<String> firstName(InputStream tar) throws IOException {
        TarArchiveInputStream in = new TarArchiveInputStream(tar, 512);
        TarArchiveEntry e;
        while ((e = in.getNextEntry()) != null) {
            String name = Paths.normalize(e.getName());
            if (name == null || !name.isEmpty()) {
                return Optional.of(name == null ? e.getName() : name);
            }
        }
        return Optional.empty();
    }

    private static EntryType typeOf(TarArchiveEntry e) {
        if (e.isLink()) {
            return EntryType.HARDLINK;
        }
        if (e.isSymbolicLink()) {
            return EntryType.SYMLINK;
        }
        if (e.isDirectory()) {
            return EntryType.DIRECTORY;
        }
        if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            return EntryType.OTHER;
        }
        if (e.isFile()) {
            return EntryType.FILE;
        }
        return EntryType.OTHER;
    }
}
