package dev.ocisc.oci;

import dev.ocisc.graph.InvalidInputException;
import dev.ocisc.oci.tar.EntryHandler;
import dev.ocisc.oci.tar.TarReader;
import dev.ocisc.oci.tar.TarStream;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * One pass over a layer blob: blob digest and size, decompression (guarded against bombs), DiffID, tar entries
 * to the handler. Nothing touches the disk; memory use is a few buffers whatever the layer size.
 */
final class LayerPipeline {
    private static final int BUF = 128 * 1024;

    private LayerPipeline() {
    }

    /**
     * @param declared the compression the media type declares, or null to go by the bytes
     * @param source   names the blob in error messages
     */
    static <T> LayerRead<T> read(InputStream raw, Compression declared, String source, Limits limits,
            EntryHandler<T> handler) {
        DigestingInputStream blob = new DigestingInputStream(raw, Digest.newSha256());
        try {
            BufferedInputStream buffered = new BufferedInputStream(blob, BUF);
            buffered.mark(8);
            byte[] head = new byte[4];
            int n = buffered.readNBytes(head, 0, 4);
            buffered.reset();
            Compression actual = Compression.sniff(head, n);
            if (declared != null && declared != actual) {
                throw new InvalidInputException(source, "media type says " + declared.name().toLowerCase()
                        + " but the blob is " + actual.name().toLowerCase());
            }
            DigestingInputStream tar = new DigestingInputStream(actual.open(buffered, limits, source),
                    Digest.newSha256());
            T result = TarStream.read(new TarReader(tar, source, limits, TarReader.Kind.LAYER), handler);
            tar.drain();
            blob.drain();
            return new LayerRead<>(Digest.sha256(blob.digest()), blob.count(), actual, Digest.sha256(tar.digest()),
                    tar.count(), result);
        } catch (EOFException e) {
            throw new InvalidInputException(source, "truncated blob (" + blob.count() + " bytes read): "
                    + e.getMessage());
        } catch (ZipException e) {
            throw new InvalidInputException(source, "corrupt gzip stream: " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException(source, "cannot read: " + e.getMessage());
        }
    }

    /** Checks what a read measured against what the image declares; every mismatch names the layer. */
    static void verify(Layer layer, LayerRead<?> read, String image) {
        String what = image + ": " + layer.label();
        if (layer.size() >= 0 && layer.size() != read.blobSize()) {
            throw new InvalidInputException(what, read.blobSize() < layer.size()
                    ? "truncated blob: " + read.blobSize() + " of " + layer.size() + " bytes"
                    : "blob is " + read.blobSize() + " bytes, descriptor says " + layer.size());
        }
        if (layer.digest() != null && !layer.digest().equals(read.blobDigest())) {
            throw new InvalidInputException(what, "digest mismatch: content is " + read.blobDigest());
        }
        if (!layer.diffId().equals(read.diffId())) {
            throw new InvalidInputException(what, "DiffID mismatch: uncompressed content is " + read.diffId()
                    + ", config.rootfs.diff_ids says " + layer.diffId());
        }
    }
}
