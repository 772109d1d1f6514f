package dev.ocisc.oci.registry;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.Digest;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;

/**
 * A blob's bytes from a registry, read on past a dropped connection: asked for again from where they stopped with a
 * {@code Range} request, or, from a registry that does not honour it, whole with what was read skipped. Nothing is
 * believed here either: the reader hashes every byte it gets, so a blob put together from two answers is verified
 * end to end like any other.
 */
final class ResumedBlob extends InputStream {
    private final RegistryClient client;
    private final Digest digest;
    private final long size;
    private final String what;
    private InputStream in;
    private long position;
    private int drops;
    /** Bytes of a whole answer to pass over before reading on. */
    private long skip;
    private final byte[] one = new byte[1];

    /** @param size what the registry announced, or -1: a stream that ends short of it was cut */
    ResumedBlob(RegistryClient client, Digest digest, InputStream first, long size, String what) {
        this.client = client;
        this.digest = digest;
        this.in = first;
        this.size = size;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            try {
                while (skip > 0) {
                    int n = in.read(b, off, (int) Math.min(len, skip));
                    if (n < 0) {
                        throw new EOFException("connection closed");
                    }
                    skip -= n;
                }
                int n = in.read(b, off, len);
                if (n < 0 && size >= 0 && position < size) {
                    throw new EOFException("connection closed");
                }
                if (n > 0) {
                    position += n;
                }
                return n;
            } catch (IOException e) {
                resume(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void resume(IOException cause) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the connection is gone already
        }
        if (++drops >= RegistryClient.ATTEMPTS) {
            throw new InvalidInputException(what, "connection dropped " + drops + " times, the last after "
                    + position + (size >= 0 ? " of " + size : "") + " bytes (" + RegistryClient.message(cause, digest.toString())
                    + "); giving up");
        }
        RegistryClient.pause(drops, null);
        HttpResponse<InputStream> r = client.getFrom(digest.toString(), position);
        InputStream body = r.body();
        if (r.statusCode() == 206) {
            String range = r.headers().firstValue("Content-Range").orElse("");
            if (!range.startsWith("bytes " + position + "-")) {
                RegistryClient.close(r);
                throw new InvalidInputException(what, "asked for the bytes from " + position
                        + ", the registry sent the range '" + range + "'");
            }
        } else {
            skip = position; // the whole blob again: what was read already is passed over
        }
        in = body;
    }
}
