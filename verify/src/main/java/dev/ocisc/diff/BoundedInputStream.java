package dev.ocisc.diff;

import dev.ocisc.graph.InvalidInputException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * Counts decompressed bytes and stops a decompression bomb: past the absolute cap, or past {@code maxRatio}
 * decompressed bytes per compressed byte once the first MiB is out.
 */
final class BoundedInputStream extends FilterInputStream {
    private final String source;
    private final Limits limits;
    private final LongSupplier compressedSoFar;
    private long count;

    BoundedInputStream(InputStream in, String source, Limits limits, LongSupplier compressedSoFar) {
        super(in);
        this.source = source;
        this.limits = limits;
        this.compressedSoFar = compressedSoFar;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    private void add(long n) {
        count += n;
        if (count > limits.maxExpandedBytes()) {
            throw new InvalidInputException(source, "decompresses to more than " + limits.maxExpandedBytes()
                    + " bytes (limit)");
        }
        if (count > (1 << 20) && count > compressedSoFar.getAsLong() * limits.maxRatio()) {
            throw new InvalidInputException(source, "decompression ratio above " + limits.maxRatio()
                    + ":1 (a decompression bomb?)");
        }
    }
}
