package dev.ocisc.oci;

import dev.ocisc.graph.InvalidInputException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/** Stops decompression that yields more than the limits allow: total bytes, and ratio to the compressed input. */
final class BombGuard extends FilterInputStream {
    private final LongSupplier compressedSoFar;
    private final Limits limits;
    private final String source;
    private long out;

    BombGuard(InputStream decompressed, LongSupplier compressedSoFar, Limits limits, String source) {
        super(decompressed);
        this.compressedSoFar = compressedSoFar;
        this.limits = limits;
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            account(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            account(n);
        }
        return n;
    }

    private void account(int n) {
        out += n;
        if (out > limits.maxUncompressedBytes()) {
            throw new InvalidInputException(source, "decompresses to more than " + limits.maxUncompressedBytes()
                    + " bytes (limit)");
        }
        if (out > limits.ratioGraceBytes()) {
            long in = Math.max(1, compressedSoFar.getAsLong());
            if (out / in > limits.maxRatio()) {
                throw new InvalidInputException(source, "decompression ratio above " + limits.maxRatio()
                        + ":1 (" + out + " bytes from " + in + "): refusing a compression bomb");
            }
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
