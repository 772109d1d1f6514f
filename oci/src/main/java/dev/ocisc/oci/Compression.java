package dev.ocisc.oci;

/** How a blob or archive is compressed, told apart by its first bytes (the file name or media type may lie). */
public enum Compression {
    NONE, GZIP, ZSTD;

    /** Sniffs the magic number: gzip {@code 1f 8b}, zstd frame {@code 28 b5 2f fd}; anything else is NONE. */
    public static Compression sniff(byte[] head, int len) {
        if (len >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (len >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
                && (head[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        return NONE;
    }
}
