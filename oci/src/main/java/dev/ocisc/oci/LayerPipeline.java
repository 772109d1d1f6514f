package dev.ocisc.oci;

import dev.ocisc.graph.InvalidInputException;
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
     * @param source names the blob in error messages
     */
    static <T> LayerRead<T> read(InputStream raw, String source, Limits limits, EntryHandler<T> handler) {
        DigestingInputStream blob = new DigestingInputStream(raw, Digest.newSha256());
        try {
            BufferedInputStream buffered = new BufferedInputStream(blob, BUF);
            buffered.mark(8);
            byte[] head = new byte[4];
            int n = buffered.readNBytes(head, 0, 4);
            buffered.reset();
            Compression actual = Compression.sniff(head, n);
            DigestingInputStream tar = new DigestingInputStream(actual.open(buffered, limits, source),
                    Digest.newSha256());
            TarReader layer = new TarReader(tar, source, limits, TarReader.Kind.LAYER);
            T result = TarStream.read(layer, handler);
            tar.drain();
            blob.drain();
            return new LayerRead<>(Digest.sha256(blob.digest()), blob.count(), actual, Digest.sha256(tar.digest()),
                    tar.count(), layer.entries(), result);
        } catch (EOFException e) {
            throw new InvalidInputException(source, "truncated blob (" + blob.count() + " bytes read): "
                    + e.getMessage());
        } catch (ZipException e) {
            throw new InvalidInputException(source, "corrupt gzip stream: " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException(source, "cannot read: " + e.getMessage());
        }
    }

    /** Checks what a read measured against what the image declares. */
    static void verify(Layer layer, LayerRead<?> read, String image) {
        layer.verify(image, read.blobSize(), read.blobDigest(), read.compression(), read.diffId());
    }
}
