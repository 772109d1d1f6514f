package dev.ocisc.oci;

import dev.ocisc.failure.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;

/** Named blobs of an image source: the files of a layout directory, or the entries of an archive. */
public interface BlobStore {
    /** Bytes of the blob, or -1 when there is none by that name. */
    long size(String name);

    /** The blob's bytes as stored. */
    InputStream open(String name) throws IOException;

    /** Names the source in error messages. */
    String describe();

    /** Reads a small document whole, refusing one larger than {@code cap} before reading it. */
    default byte[] readSmall(String name, long cap) {
        long size = size(name);
        if (size < 0) {
            throw new InvalidInputException(describe(), "no " + name);
        }
        if (size > cap) {
            throw new InvalidInputException(describe() + ": " + name, "JSON document of " + size
                    + " bytes is larger than the " + cap + "-byte limit");
        }
        try (InputStream in = open(name)) {
            byte[] b = in.readNBytes((int) cap + 1);
            if (b.length > cap) {
                throw new InvalidInputException(describe() + ": " + name, "larger than the " + cap + "-byte limit");
            }
            return b;
        } catch (IOException e) {
            throw new InvalidInputException(describe() + ": " + name, "cannot read: " + e.getMessage());
        }
    }

    /** Reads a JSON blob a descriptor points at, checking its size and digest before anyone parses it. */
    default byte[] readVerified(String name, Descriptor d, long cap) {
        String what = describe() + ": blob " + d.digest();
        if (d.size() > cap) {
            throw new InvalidInputException(what, "JSON document of " + d.size() + " bytes is larger than the "
                    + cap + "-byte limit");
        }
        long actual = size(name);
        if (actual < 0) {
            throw new InvalidInputException(what, "missing (expected at " + name + ")");
        }
        byte[] b = readSmall(name, cap);
        if (b.length != d.size()) {
            throw new InvalidInputException(what, b.length < d.size()
                    ? "truncated blob: " + b.length + " of " + d.size() + " bytes"
                    : "blob is " + b.length + " bytes, descriptor says " + d.size());
        }
        Digest got = new Digest(d.digest().algorithm(),
                java.util.HexFormat.of().formatHex(d.digest().newHasher().digest(b)));
        if (!got.equals(d.digest())) {
            throw new InvalidInputException(what, "digest mismatch: content is " + got);
        }
        return b;
    }
}
