package dev.ocisc.oci.tar;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Completes a tar stream that stops short of the format's end: Debian's umoci 0.4.7 writes layers whose last
 * entry has no padding and no end-of-archive marker, which commons-compress rejects as truncated. At the
 * real end this supplies the zero padding to the next 512-byte record and an end marker.
 *
 * <p>It never hides a truncated layer: the bytes it adds come after the real stream, which is what the layer's
 * DiffID and blob digest are checked over (upstream of this stream).
 */
final class EndTolerantInputStream extends FilterInputStream {
    private static final int RECORD = 512;
    private long count;
    private long synthetic = -1;

    EndTolerantInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (synthetic < 0) {
            int n = super.read(b, off, len);
            if (n >= 0) {
                count += n;
                return n;
            }
            long partial = count % RECORD;
            synthetic = (partial == 0 ? 0 : RECORD - partial) + 2L * RECORD;
        }
        if (synthetic == 0) {
            return -1;
        }
        int n = (int) Math.min(len, synthetic);
        java.util.Arrays.fill(b, off, off + n, (byte) 0);
        synthetic -= n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(8192, Math.max(1, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
