package dev.ocisc.oci;

import java.util.Map;

/**
 * One entry of a tar as it was written: what it is, and how its header spelled it (which {@code diff} reports).
 *
 * @param path       the name made safe (as oci normalises every archive name): no leading {@code /} or {@code ./}, no
 *                   {@code .} components, {@code ""} for the root
 * @param name       the name as written, after long-name resolution
 * @param nameMethod how the name was written: {@code plain}, {@code ustar-prefix}, {@code gnu-longlink} or
 *                   {@code pax-path}
 * @param format     {@code ustar}, {@code gnu} (old GNU magic), {@code v7}, or {@code pax} (extended headers)
 * @param typeflag   the header's type byte as written
 * @param size       bytes of content a reader can read: a regular file's size, 0 for anything else
 * @param linkTarget a symlink's target as written; a hard link's target made safe (an earlier entry); else null
 * @param records    PAX records not mapped to the fields above (xattrs and the like), sorted by key
 * @param offset     where the entry's first header starts in the tar
 */
public record TarHeader(String path, String name, String nameMethod, String format, char typeflag, EntryType type,
        long mode, long uid, long gid, String uname, String gname, long size, long mtime, long mtimeNanos,
        String linkTarget, long devMajor, long devMinor, Map<String, String> records, long offset) {

    public TarHeader {
        records = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(records));
    }
}
