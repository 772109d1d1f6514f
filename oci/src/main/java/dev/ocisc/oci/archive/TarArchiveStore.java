package dev.ocisc.oci.archive;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.BlobStore;
import dev.ocisc.oci.EntryType;
import dev.ocisc.oci.Limits;
import dev.ocisc.oci.TarHeader;
import dev.ocisc.oci.tar.TarReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * An uncompressed archive (oci-archive, docker-archive) read in place: one pass over the headers, then each
 * entry is read at its offset. Positional reads let several layers be read at once without extracting.
 */
public final class TarArchiveStore implements BlobStore, AutoCloseable {
    private record Span(long offset, long size) {
    }

    private final String source;
    private final FileChannel channel;
    private final Map<String, Span> entries = new HashMap<>();

    public TarArchiveStore(Path file, Limits limits) {
        this(file, file.toString(), limits);
    }

    /**
     * @param source names the archive in errors: the file given, when {@code file} holds it decompressed
     */
    public TarArchiveStore(Path file, String source, Limits limits) {
        this.source = source;
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new InvalidInputException(source, "cannot open: " + e.getMessage());
        }
        try {
            // Headers only: the contents are seeked over, and read later at their offsets.
            TarReader tar = new TarReader(new SpanInputStream(channel, 0, channel.size()), source, limits,
                    TarReader.Kind.TAR).seeking();
            TarHeader e;
            while ((e = tar.next()) != null) {
                if (e.type() != EntryType.FILE) {
                    continue;
                }
                if (entries.put(e.path(), new Span(tar.offset(), e.size())) != null) {
                    throw new InvalidInputException(source, "duplicate archive entry '" + e.path() + "'");
                }
                if (tar.offset() + e.size() > channel.size()) {
                    throw new InvalidInputException(source, "truncated archive: entry '" + e.path() + "' ends past "
                            + "the end of the file");
                }
            }
        } catch (IOException e) {
            close();
            throw new InvalidInputException(source, "unreadable tar archive: " + e.getMessage());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public long size(String name) {
        Span s = entries.get(name);
        return s == null ? -1 : s.size;
    }

    @Override
    public InputStream open(String name) throws IOException {
        Span s = entries.get(name);
        if (s == null) {
            throw new java.io.FileNotFoundException(name + " is not in " + source);
        }
        return new SpanInputStream(channel, s.offset, s.size);
    }

    @Override
    public String describe() {
        return source;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // read-only
        }
    }

    /** Reads {@code [offset, offset+size)} of a shared channel with positional reads (thread-safe). */
    private static final class SpanInputStream extends InputStream {
        private final FileChannel ch;
        private long pos;
        private final long end;

        SpanInputStream(FileChannel ch, long offset, long size) {
            this.ch = ch;
            this.pos = offset;
            this.end = offset + size;
        }

        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= end) {
                return -1;
            }
            int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - pos)), pos);
            if (n < 0) {
                throw new java.io.EOFException("archive ends inside an entry");
            }
            pos += n;
            return n;
        }

        /** A seek: nothing is read. Stops at the span's end (0 there), as InputStream.skip may. */
        @Override
        public long skip(long n) {
            long s = Math.max(0, Math.min(n, end - pos));
            pos += s;
            return s;
        }
    }
}
