package dev.ocisc.oci;


/**
 * A file of an image's filesystem.
 *
 * @param path   the name its layer wrote it under (where it landed can differ: see {@link Filesystem})
 * @param sha256 hex SHA-256 of a regular file's content (hard links: of their target), else null
 * @param layer  the index of the layer that wrote it (in a flattened view: the last one)
 */
public record FileEntry(String path, EntryType type, int mode, long size, String linkTarget, String sha256,
        int layer) {

    public FileEntry atLayer(int index) {
        return new FileEntry(path, type, mode, size, linkTarget, sha256, index);
    }
}
