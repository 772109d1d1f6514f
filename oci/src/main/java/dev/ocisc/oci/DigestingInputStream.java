package dev.ocisc.oci;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Hashes and counts every byte that passes, so a blob is verified in the same read that uses it. */
final class DigestingInputStream extends ReadingFilter {
    private final MessageDigest md;
    private long count;

    DigestingInputStream(InputStream in, MessageDigest md) {
        super(in);
        this.md = md;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            md.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            md.update(b, off, n);
            count += n;
        }
        return n;
    }

    long count() {
        return count;
    }

    byte[] digest() {
        return md.digest();
    }

    /** Reads to the end, so that the digest covers the whole stream whatever the reader above consumed. */
    void drain() throws IOException {
        byte[] buf = new byte[64 * 1024];
        while (read(buf, 0, buf.length) >= 0) {
            // hashing happens in read
        }
    }
}
