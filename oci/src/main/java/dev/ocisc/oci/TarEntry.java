package dev.ocisc.oci;

/**
 * One entry of a layer tar, its name made safe.
 *
 * @param path       normalised: no leading {@code /} or {@code ./}, no trailing {@code /}, no {@code .} or
 *                   {@code ..} components; the root itself is {@code ""}
 * @param linkTarget for a symlink the target as written (resolved later inside the image, never on disk); for
 *                   a hard link the normalised path of an earlier entry; else null
 */
public record TarEntry(String path, EntryType type, int mode, long size, String linkTarget, long uid, long gid,
        long mtime) {

    /** The last path component. */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The directory holding the entry, {@code ""} for the root's children. */
    public String parent() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    public boolean executable() {
        return (mode & 0100) != 0;
    }
}
