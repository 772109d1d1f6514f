package dev.ocisc.oci.archive;

import dev.ocisc.graph.InvalidInputException;
import dev.ocisc.oci.BlobStore;
import dev.ocisc.oci.tar.Paths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * An uncompressed archive (oci-archive, docker-archive) read in place: one pass over the headers, then each
 * entry is read at its offset. Positional reads let several layers be read at once without extracting.
 */
public final class TarArchiveStore implements BlobStore, AutoCloseable {
    private record Span(long offset, long size) {
    }

    private final Path file;
    private final FileChannel channel;
    private final Map<String, Span> entries = new HashMap<>();

    public TarArchiveStore(Path file) {
        this.file = file;
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot open: " + e.getMessage());
        }
        try {
            // TarFile reads headers only, seeking over contents; it must not close our channel.
            TarFile tf = new TarFile(new UncloseableChannel(channel));
            for (TarArchiveEntry e : tf.getEntries()) {
                if (!e.isFile()) {
                    continue;
                }
                String name = Paths.normalize(e.getName());
                if (name == null) {
                    throw new InvalidInputException(file, "archive entry '" + e.getName() + "' escapes the root");
                }
                if (entries.put(name, new Span(e.getDataOffset(), e.getSize())) != null) {
                    throw new InvalidInputException(file, "duplicate archive entry '" + name + "'");
                }
                if (e.getDataOffset() + e.getSize() > channel.size()) {
                    throw new InvalidInputException(file, "truncated archive: entry '" + name + "' ends past "
                            + "the end of the file");
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            close();
            throw new InvalidInputException(file, "unreadable tar archive: " + e.getMessage());
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
            throw new java.io.FileNotFoundException(name + " is not in " + file);
        }
        return new SpanInputStream(channel, s.offset, s.size);
    }

    @Override
    public String describe() {
        return file.toString();
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
    }

    /** Hands TarFile the channel without letting it close it. */
    private static final class UncloseableChannel implements java.nio.channels.SeekableByteChannel {
        private final FileChannel ch;

        UncloseableChannel(FileChannel ch) {
            this.ch = ch;
        }

        @Override public int read(ByteBuffer dst) throws IOException { return ch.read(dst); }
        @Override public int write(ByteBuffer src) throws IOException { throw new IOException("read-only"); }
        @Override public long position() throws IOException { return ch.position(); }
        @Override public java.nio.channels.SeekableByteChannel position(long p) throws IOException {
            ch.position(p);
            return this;
        }
        @Override public long size() throws IOException { return ch.size(); }
        @Override public java.nio.channels.SeekableByteChannel truncate(long s) throws IOException {
            throw new IOException("read-only");
        }
        @Override public boolean isOpen() { return ch.isOpen(); }
        @Override public void close() { }
    }
}
