package dev.ocisc.diff;

/** What a tree entry is, independent of where it was read from (tar typeflag or file system). */
public enum EntryType {
    FILE, DIRECTORY, SYMLINK, HARDLINK, CHAR_DEVICE, BLOCK_DEVICE, FIFO, OTHER;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
