package dev.ocisc.oci;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * One read of a blob or file that may be compressed: what its first bytes say it is ({@link CompressionHeader}),
 * its content decompressed through the bomb guard, and the digest and size of both, taken as the bytes pass. What
 * a reader uses is what is measured: a layer's blob digest and DiffID come out of the read that lists its entries.
 */
public final class BlobStream {
    private static final int BUF = 128 * 1024;

    private final DigestingInputStream raw;
    private DigestingInputStream content;
    private CompressionHeader header;
    private Digest digest;
    private Digest contentDigest;

    /** Wraps {@code in} (not closed here); nothing is read before {@link #open}. */
    public BlobStream(InputStream in) {
        this.raw = new DigestingInputStream(in, Digest.newSha256());
    }

    /**
     * Starts reading: sniffs and decodes the header, opens the decompressor.
     *
     * @param source names the stream in errors
     */
    public BlobStream open(Limits limits, String source) throws IOException {
        if (header != null) {
            throw new IllegalStateException("opened twice");
        }
        BufferedInputStream buffered = new BufferedInputStream(raw, BUF);
        buffered.mark(CompressionHeader.HEAD_BYTES);
        byte[] head = buffered.readNBytes(CompressionHeader.HEAD_BYTES);
        buffered.reset();
        header = CompressionHeader.read(head, head.length);
        content = new DigestingInputStream(header.compression().open(buffered, limits, source), Digest.newSha256());
        return this;
    }

    public CompressionHeader header() {
        return header;
    }

    public Compression compression() {
        return header.compression();
    }

    /** The decompressed bytes (the stream as it is for NONE). */
    public InputStream content() {
        return content;
    }

    /** Reads what is left of the content and of the blob, so that both digests cover everything. */
    public void drain() throws IOException {
        if (content != null) {
            content.drain();
        }
        raw.drain();
    }

    /** Digest of the bytes as stored, taken once the first time it is asked for: after {@link #drain}. */
    public Digest digest() {
        if (digest == null) {
            digest = Digest.sha256(raw.digest());
        }
        return digest;
    }

    /** Bytes of the blob read so far. */
    public long size() {
        return raw.count();
    }

    /** Digest of the decompressed bytes (a layer's DiffID), taken once: after {@link #drain}. */
    public Digest contentDigest() {
        if (contentDigest == null) {
            contentDigest = Digest.sha256(content.digest());
        }
        return contentDigest;
    }

    public long contentSize() {
        return content.count();
    }
}
