package dev.ocisc.diff;

import dev.ocisc.oci.EntryType;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of a tree: every field the diff compares. Tar entries and files on disk map to the same record so
 * that a tar can be compared with a directory.
 *
 * @param path       normalized: no leading {@code ./} or {@code /}, no trailing slash, "." for the root
 * @param rawName    the name exactly as the source spelled it (tar header name after long-name resolution)
 * @param nameMethod how a tar spelled the name: {@code plain}, {@code ustar-prefix}, {@code gnu-longlink},
 *                   {@code pax-path}; {@code fs} for a directory tree
 * @param mode       the mode field as stored, including bits above 07777 (some writers store S_IFREG etc.)
 * @param mtime      seconds since the epoch; {@code mtimeNanos} keeps a PAX fraction (0 when absent)
 * @param sha256     hex SHA-256 of the content for regular files, null otherwise
 * @param linkTarget symlink target or hard-link target path, null otherwise
 * @param records    PAX records other than the ones mapped to fields above, and xattrs ({@code SCHILY.xattr.*}
 *                   for tar, {@code user.*} on disk); sorted by key
 * @param position   index in the source's order (tar order; sorted order for directories)
 */
public record Entry(String path, String rawName, String nameMethod, EntryType type, long mode, long uid, long gid,
        String uname, String gname, long mtime, long mtimeNanos, long size, String sha256, String linkTarget,
        Map<String, String> records, long devMajor, long devMinor, int position) {

    public Entry {
        records = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(records));
        uname = uname == null ? "" : uname;
        gname = gname == null ? "" : gname;
    }

    /** Permission bits (with setuid, setgid, sticky) only: what a file system keeps. */
    public long permissions() {
        return mode & 07777;
    }
}
