package dev.ocisc.oci.archive;

import dev.ocisc.graph.InvalidInputException;
import dev.ocisc.oci.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An archive compressed as a whole (Nix's buildLayeredImage {@code .tar.gz} / zstd) can only be read front to
 * back, and its {@code manifest.json} comes last. So it is read once: every entry that starts like a tar or a
 * compressed stream is treated as a possible layer and read by {@code layerReader} as it passes; the small rest
 * is kept in memory as documents. Once the metadata is known, the reads that belong to layers are used and
 * verified, the others dropped.
 */
public final class StreamedArchive<R> implements BlobStore {
    private final String source;
    private final Map<String, byte[]> small = new HashMap<>();
    private final Map<String, Long> sizes = new HashMap<>();
    private final Map<String, R> layerReads = new HashMap<>();
    private final Map<String, RuntimeException> layerErrors = new HashMap<>();

    /**
     * @param decompressed the archive's tar stream
     * @param layerReader  reads an entry that looks like a layer: (entry name, its bytes) to a result
     * @param looksLikeLayer decides from an entry's first 512 bytes
     */
    public StreamedArchive(InputStream decompressed, String source, long smallCap,
            java.util.function.BiPredicate<byte[], Integer> looksLikeLayer,
            BiFunction<String, InputStream, R> layerReader) {
        this.source = source;
        long kept = 0;
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(decompressed);
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (!e.isFile()) {
                    continue;
                }
                String name = dev.ocisc.oci.tar.Paths.normalize(e.getName());
                if (name == null) {
                    throw new InvalidInputException(source, "archive entry '" + e.getName() + "' escapes the root");
                }
                if (sizes.put(name, e.getSize()) != null) {
                    throw new InvalidInputException(source, "duplicate archive entry '" + name + "'");
                }
                byte[] head = tar.readNBytes(512);
                if (looksLikeLayer.test(head, head.length)) {
                    InputStream whole = new java.io.SequenceInputStream(new ByteArrayInputStream(head),
                            new NonClosing(tar));
                    try {
                        layerReads.put(name, layerReader.apply(name, whole));
                    } catch (InvalidInputException ex) {
                        // Maybe not a layer at all; the error matters only if the manifest says it is one.
                        layerErrors.put(name, ex);
                        whole.transferTo(OutputStreamNull.INSTANCE);
                    }
                } else if (e.getSize() <= smallCap) {
                    byte[] rest = tar.readNBytes((int) (e.getSize() - head.length));
                    byte[] all = new byte[head.length + rest.length];
                    System.arraycopy(head, 0, all, 0, head.length);
                    System.arraycopy(rest, 0, all, head.length, rest.length);
                    if (all.length != e.getSize()) {
                        throw new InvalidInputException(source, "truncated archive inside '" + name + "'");
                    }
                    kept += all.length;
                    if (kept > 8 * smallCap) {
                        throw new InvalidInputException(source, "more than " + 8 * smallCap
                                + " bytes of small documents: refusing to hold them in memory");
                    }
                    small.put(name, all);
                } else {
                    tar.transferTo(OutputStreamNull.INSTANCE); // too big for a document; readSmall refuses it
                }
            }
            decompressed.transferTo(OutputStreamNull.INSTANCE);
        } catch (java.io.EOFException ex) {
            throw new InvalidInputException(source, "truncated archive: " + ex.getMessage());
        } catch (IOException | IllegalArgumentException ex) {
            throw new InvalidInputException(source, "unreadable archive: " + ex.getMessage());
        }
    }

    /** The read of the entry {@code name} as a layer, made as it streamed past, or null if it was not read so. */
    public R layerRead(String name) {
        RuntimeException ex = layerErrors.get(name);
        if (ex != null) {
            throw ex;
        }
        return layerReads.get(name);
    }

    @Override
    public long size(String name) {
        Long s = sizes.get(name);
        return s == null ? -1 : s;
    }

    @Override
    public InputStream open(String name) throws IOException {
        byte[] b = small.get(name);
        if (b == null) {
            throw new IOException(name + " was not kept from the stream (too large)");
        }
        return new ByteArrayInputStream(b);
    }

    @Override
    public String describe() {
        return source;
    }

    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }

    private static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
