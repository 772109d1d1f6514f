package dev.ocisc.oci;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A filter that sees every byte: skipped bytes are read through {@link #read(byte[], int, int)} too, so what a
 * subclass does with the bytes (hash them, count them against a cap) cannot be bypassed by a skip.
 */
public abstract class ReadingFilter extends FilterInputStream {
    protected ReadingFilter(InputStream in) {
        super(in);
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(8192, Math.max(1, n))];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
