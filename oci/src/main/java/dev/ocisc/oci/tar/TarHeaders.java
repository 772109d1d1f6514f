package dev.ocisc.oci.tar;

/** Recognises a tar stream by its first 512-byte header, whatever the archive is called. */
public final class TarHeaders {
    private TarHeaders() {
    }

    /** A valid header, or an all-zero block (an empty tar is just its end marker). */
    public static boolean looksLikeTar(byte[] block, int len) {
        return len >= 512 && (allZero(block) || checksumMatches(block));
    }

    /** A header block (not the end marker) whose checksum matches. */
    public static boolean isHeader(byte[] block, int len) {
        return len >= 512 && !allZero(block) && checksumMatches(block);
    }

    public static boolean allZero(byte[] block) {
        for (int i = 0; i < 512; i++) {
            if (block[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the stored checksum is the sum of the header's bytes (the checksum field counted as spaces), summed
     * as unsigned bytes or, as some old tars did, as signed ones: Go's archive/tar, which container runtimes use,
     * accepts both and nothing else.
     */
    public static boolean checksumMatches(byte[] block) {
        long stored = 0;
        boolean digits = false;
        for (int i = 148; i < 156; i++) {
            byte c = block[i];
            if (c >= '0' && c <= '7') {
                stored = stored * 8 + (c - '0');
                digits = true;
            } else if (digits && (c == 0 || c == ' ')) {
                break;
            } else if (c != ' ' && c != 0) {
                return false;
            }
        }
        if (!digits) {
            return false;
        }
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < 512; i++) {
            byte b = (i >= 148 && i < 156) ? (byte) ' ' : block[i];
            unsigned += b & 0xff;
            signed += b;
        }
        return stored == unsigned || stored == signed;
    }
}
