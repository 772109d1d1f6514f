package dev.ocisc.oci;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.tar.TarReader;
import dev.ocisc.oci.tar.TarStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * One pass over a layer blob: blob digest and size, decompression (guarded against bombs), DiffID, tar entries
 * to the handler. Nothing touches the disk; memory use is a few buffers whatever the layer size.
 */
final class LayerPipeline {
    private LayerPipeline() {
    }

    /**
     * @param source names the blob in error messages
     */
    static <T> LayerRead<T> read(InputStream raw, String source, Limits limits, EntryHandler<T> handler) {
        BlobStream blob = new BlobStream(raw);
        try {
            blob.open(limits, source);
            TarReader layer = new TarReader(blob.content(), source, limits, TarReader.Kind.LAYER);
            T result = TarStream.read(layer, handler);
            blob.drain();
            return new LayerRead<>(blob.digest(), blob.size(), blob.compression(), blob.contentDigest(),
                    blob.contentSize(), layer.entries(), result);
        } catch (EOFException e) {
            throw new InvalidInputException(source, "truncated blob (" + blob.size() + " bytes read): "
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
