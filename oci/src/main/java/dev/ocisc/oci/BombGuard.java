package dev.ocisc.oci;

import dev.ocisc.failure.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * Stops decompression that yields more than the caps allow: total bytes, and ratio to the compressed input once
 * a grace amount has come out (tiny streams of zeros compress far beyond any sane ratio). Every decompressing
 * reader of ocisc goes through this one guard, by {@link Compression#open}.
 */
final class BombGuard extends ReadingFilter {
    private final LongSupplier compressedSoFar;
    private final long maxBytes;
    private final long maxRatio;
    private final long graceBytes;
    private final String source;
    private long out;

    /**
     * @param compressedSoFar how many compressed bytes have been read so far
     * @param source          the file named in the error
     */
    BombGuard(InputStream decompressed, LongSupplier compressedSoFar, Limits limits, String source) {
        super(decompressed);
        this.compressedSoFar = compressedSoFar;
        this.maxBytes = limits.maxUncompressedBytes();
        this.maxRatio = limits.maxRatio();
        this.graceBytes = limits.ratioGraceBytes();
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
        if (out > maxBytes) {
            throw new InvalidInputException(source, "decompresses to more than " + maxBytes + " bytes (limit)");
        }
        if (out > graceBytes) {
            long in = Math.max(1, compressedSoFar.getAsLong());
            if (out / in > maxRatio) {
                throw new InvalidInputException(source, "decompression ratio above " + maxRatio
                        + ":1 (" + out + " bytes from " + in + "): refusing a compression bomb");
            }
        }
    }
}
