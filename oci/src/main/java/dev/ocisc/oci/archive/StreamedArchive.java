package dev.ocisc.oci.archive;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.BlobStore;
import dev.ocisc.oci.Compression;
import dev.ocisc.oci.EntryType;
import dev.ocisc.oci.Limits;
import dev.ocisc.oci.TarHeader;
import dev.ocisc.oci.tar.TarHeaders;
import dev.ocisc.oci.tar.TarReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

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
     * @param layerReader  reads an entry that looks like a layer (a tar, or compressed): (entry name, its bytes)
     *                     to a result
     */
    public StreamedArchive(InputStream decompressed, String source, Limits limits,
            BiFunction<String, InputStream, R> layerReader) {
        this.source = source;
        long smallCap = limits.maxJsonBytes();
        long kept = 0;
        try {
            TarReader tar = new TarReader(decompressed, source, limits, TarReader.Kind.TAR);
            TarHeader e;
            while ((e = tar.next()) != null) {
                if (e.type() != EntryType.FILE) {
                    continue;
                }
                String name = e.path();
                if (sizes.put(name, e.size()) != null) {
                    throw new InvalidInputException(source, "duplicate archive entry '" + name + "'");
                }
                InputStream content = tar.content();
                byte[] head = content.readNBytes(512);
                if (Compression.sniff(head, head.length) != Compression.NONE
                        || TarHeaders.looksLikeTar(head, head.length)) {
                    try {
                        layerReads.put(name, layerReader.apply(name,
                                new java.io.SequenceInputStream(new ByteArrayInputStream(head), content)));
                    } catch (InvalidInputException ex) {
                        // Maybe not a layer at all; the error matters only if the manifest says it is one. What
                        // is left of the entry is skipped by the next header read.
                        layerErrors.put(name, ex);
                    }
                } else if (e.size() <= smallCap) {
                    byte[] rest = content.readNBytes((int) (e.size() - head.length));
                    byte[] all = new byte[head.length + rest.length];
                    System.arraycopy(head, 0, all, 0, head.length);
                    System.arraycopy(rest, 0, all, head.length, rest.length);
                    kept += all.length;
                    if (kept > 8 * smallCap) {
                        throw new InvalidInputException(source, "more than " + 8 * smallCap
                                + " bytes of small documents: refusing to hold them in memory");
                    }
                    small.put(name, all);
                }
                // else too big for a document: skipped; readSmall refuses it
            }
            tar.end();
        } catch (java.io.EOFException ex) {
            throw new InvalidInputException(source, "truncated archive: " + ex.getMessage());
        } catch (IOException ex) {
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
}
