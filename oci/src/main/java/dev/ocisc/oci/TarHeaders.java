package dev.ocisc.oci;

/** Recognises a tar stream by its first 512-byte header, whatever the archive is called. */
public final class TarHeaders {
    private TarHeaders() {
    }

    /** A valid header checksum, or an all-zero block (an empty tar is just its end marker). */
    public static boolean looksLikeTar(byte[] block, int len) {
        if (len < 512) {
            return false;
        }
        boolean allZero = true;
        for (int i = 0; i < 512; i++) {
            if (block[i] != 0) {
                allZero = false;
                break;
            }
        }
        if (allZero) {
            return true;
        }
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
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (block[i] & 0xff);
        }
        return sum == stored;
    }
}
