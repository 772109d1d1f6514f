package dev.ocisc.oci.tar;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.EntryHandler;
import dev.ocisc.oci.Limits;
import dev.ocisc.oci.TarEntry;
import dev.ocisc.oci.TarHeader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Hands each entry of a layer tar, and its content in chunks, to a handler, under the rules of {@link TarReader}. */
public final class TarStream {
    private TarStream() {
    }

    /** Reads the layer to its end marker; the caller drains what follows (so that its digest covers it). */
    public static <T> T read(TarReader layer, EntryHandler<T> handler) throws IOException {
        byte[] buf = new byte[64 * 1024];
        TarHeader h;
        while ((h = layer.next()) != null) {
            handler.entry(new TarEntry(h.path(), h.type(), (int) h.mode(), h.size(), h.linkTarget(), h.uid(), h.gid(),
                    h.mtime()));
            int n;
            while ((n = layer.read(buf, 0, buf.length)) > 0) {
                handler.data(buf, 0, n);
            }
            handler.endEntry();
        }
        return handler.finish();
    }

    /**
     * The name of the first entry other than the root itself ({@code ./}), normalised; empty for a tar with no
     * such entry, or whose first headers cannot be read. Looks at a few headers and no content.
     */
    public static Optional<String> firstName(InputStream tar, String source) {
        try {
            TarReader in = new TarReader(tar, source, Limits.defaults(), TarReader.Kind.TAR);
            TarHeader h;
            for (int i = 0; i < 16 && (h = in.next()) != null; i++) {
                if (!h.path().isEmpty()) {
                    return Optional.of(h.path());
                }
            }
        } catch (IOException | InvalidInputException e) {
            // not readable as a tar: the caller says what the file is instead
        }
        return Optional.empty();
    }
}
