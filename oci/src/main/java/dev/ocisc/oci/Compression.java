package dev.ocisc.oci;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** How a blob or archive is compressed, told apart by its first bytes (the file name or media type may lie). */
public enum Compression {
    NONE, GZIP, ZSTD;

    private static final int BUF = 128 * 1024;

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

    /**
     * {@code in} decompressed as this says, stopped by the bomb guard once it yields more than {@code limits}
     * allow (in total, or per compressed byte): every decompressing reader of ocisc opens its stream here, so that
     * every command refuses the same bombs. NONE hands {@code in} back.
     *
     * @param source names the stream in the error
     */
    public InputStream open(InputStream in, Limits limits, String source) throws IOException {
        if (this == NONE) {
            return in;
        }
        Counted counted = new Counted(in);
        InputStream out = this == GZIP ? new GZIPInputStream(counted, BUF)
                : new BufferedInputStream(new ZstdInputStreamNoFinalizer(counted), BUF);
        return new BombGuard(out, () -> counted.count, limits, source);
    }

    /**
     * Counts the compressed bytes the decompressor has taken, for the ratio; a {@link ReadingFilter}, so that a
     * skip is counted as the bytes it passes.
     */
    private static final class Counted extends ReadingFilter {
        private long count;

        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            count += Math.max(0, n);
            return n;
        }
    }
}
