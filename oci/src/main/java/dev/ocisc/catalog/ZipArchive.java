package dev.ocisc.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A zip file (a jar) read from its central directory, as {@code java.util.zip.ZipFile} reads one, from a file
 * channel: only the entries asked for are inflated, each into at most the size the directory declares and the
 * caller's cap, so neither a thousand-to-one entry nor a lying size makes more bytes than the caller allows, and
 * memory holds the directory and small chunks only. Zip64 and encrypted entries are refused: no jar below the
 * sizes ocisc reads needs them.
 */
final class ZipArchive {
    private static final int EOCD = 0x06054b50;
    private static final int CEN = 0x02014b50;
    private static final int LOC = 0x04034b50;
    private static final int CHUNK = 64 * 1024;

    /** One central directory entry. */
    record Entry(String name, int method, long compressedSize, long size, long localOffset, boolean encrypted) {
    }

    private final FileChannel zip;
    private final long length;
    private final long base;
    private final List<Entry> entries;

    private ZipArchive(FileChannel zip, long length, long base, List<Entry> entries) {
        this.zip = zip;
        this.length = length;
        this.base = base;
        this.entries = entries;
    }

    List<Entry> entries() {
        return entries;
    }

    private static ByteBuffer read(FileChannel ch, long at, int len) {
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        try {
            while (b.hasRemaining()) {
                if (ch.read(b, at + b.position()) < 0) {
                    throw new IllegalArgumentException("ends before byte " + (at + len));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.flip();
    }

    /**
     * Reads the central directory of {@code zip}.
     *
     * @throws IllegalArgumentException when it is not a zip file, or lists more than {@code maxEntries}
     */
    static ZipArchive open(FileChannel zip, int maxEntries) {
        long length;
        try {
            length = zip.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int tailLen = (int) Math.min(length, 22 + 0xffff);
        ByteBuffer tail = read(zip, length - tailLen, tailLen);
        int eocd = -1;
        for (int i = tailLen - 22; i >= 0; i--) {
            if (tail.getInt(i) == EOCD && i + 22 + Short.toUnsignedInt(tail.getShort(i + 20)) == tailLen) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw new IllegalArgumentException("not a zip file (no end of central directory)");
        }
        int total = Short.toUnsignedInt(tail.getShort(eocd + 10));
        long cenSize = Integer.toUnsignedLong(tail.getInt(eocd + 12));
        long cenOff = Integer.toUnsignedLong(tail.getInt(eocd + 16));
        if (total == 0xffff || cenSize == 0xffffffffL || cenOff == 0xffffffffL) {
            throw new IllegalArgumentException("a Zip64 archive; not read");
        }
        if (total > maxEntries) {
            throw new IllegalArgumentException("lists " + total + " entries, above the limit of " + maxEntries);
        }
        long eocdAt = length - tailLen + eocd;
        // Bytes before the archive (an executable jar's launch script) shift every offset, as ZipFile allows.
        long base = eocdAt - cenSize - cenOff;
        if (base < 0 || cenSize > eocdAt) {
            throw new IllegalArgumentException("the central directory (" + cenSize + " bytes at " + cenOff
                    + ") does not end where the end record starts (" + eocdAt + ")");
        }
        // At most 65535 entries of at most 3 x 64 KiB of names and fields each: bounded, if large.
        ByteBuffer cen = read(zip, base + cenOff, (int) cenSize);
        List<Entry> entries = new ArrayList<>(total);
        int p = 0;
        for (int n = 0; n < total; n++) {
            if (p + 46 > cenSize || cen.getInt(p) != CEN) {
                throw new IllegalArgumentException("central directory entry " + n + " is broken");
            }
            int flags = Short.toUnsignedInt(cen.getShort(p + 8));
            int method = Short.toUnsignedInt(cen.getShort(p + 10));
            long csize = Integer.toUnsignedLong(cen.getInt(p + 20));
            long size = Integer.toUnsignedLong(cen.getInt(p + 24));
            int nameLen = Short.toUnsignedInt(cen.getShort(p + 28));
            int extraLen = Short.toUnsignedInt(cen.getShort(p + 30));
            int commentLen = Short.toUnsignedInt(cen.getShort(p + 32));
            long loc = Integer.toUnsignedLong(cen.getInt(p + 42));
            if (p + 46L + nameLen + extraLen + commentLen > cenSize) {
                throw new IllegalArgumentException("central directory entry " + n + " runs past the directory");
            }
            byte[] name = new byte[nameLen];
            cen.get(p + 46, name);
            entries.add(new Entry(new String(name, (flags & 0x800) != 0 ? StandardCharsets.UTF_8
                    : StandardCharsets.ISO_8859_1), method, csize, size, loc, (flags & 1) != 0));
            p += 46 + nameLen + extraLen + commentLen;
        }
        return new ZipArchive(zip, length, base, List.copyOf(entries));
    }

    /** The bytes of {@code e}, inflated, in memory. @see #copy */
    byte[] read(Entry e, long cap) {
        if (e.size > cap) {
            throw new IllegalArgumentException(e.name + " is " + e.size + " bytes, above the limit of " + cap);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream((int) e.size);
        copy(e, cap, out);
        return out.toByteArray();
    }

    /**
     * Writes the bytes of {@code e}, inflated, to {@code out}. @throws IllegalArgumentException when it is larger
     * than {@code cap}, is stored beyond the archive, uses a method other than stored and deflated, or does not
     * inflate to the size the central directory declares
     */
    void copy(Entry e, long cap, OutputStream out) {
        if (e.size > cap) {
            throw new IllegalArgumentException(e.name + " is " + e.size + " bytes, above the limit of " + cap);
        }
        if (e.encrypted) {
            throw new IllegalArgumentException(e.name + " is encrypted");
        }
        long loc = base + e.localOffset;
        if (loc + 30 > length) {
            throw new IllegalArgumentException(e.name + ": no local header at offset " + e.localOffset);
        }
        ByteBuffer h = read(zip, loc, 30);
        if (h.getInt(0) != LOC) {
            throw new IllegalArgumentException(e.name + ": no local header at offset " + e.localOffset);
        }
        long data = loc + 30 + Short.toUnsignedInt(h.getShort(26)) + Short.toUnsignedInt(h.getShort(28));
        if (data + e.compressedSize > length) {
            throw new IllegalArgumentException(e.name + ": its " + e.compressedSize + " bytes run past the archive");
        }
        try {
            if (e.method == 0) {
                if (e.compressedSize != e.size) {
                    throw new IllegalArgumentException(e.name + " is stored with two different sizes");
                }
                for (long done = 0; done < e.size; ) {
                    int n = (int) Math.min(CHUNK, e.size - done);
                    ByteBuffer b = read(zip, data + done, n);
                    out.write(b.array(), 0, n);
                    done += n;
                }
                return;
            }
            if (e.method != 8) {
                throw new IllegalArgumentException(e.name + " uses compression method " + e.method);
            }
            inflate(e, data, out);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    private void inflate(Entry e, long data, OutputStream out) throws IOException {
        Inflater inf = new Inflater(true);
        try {
            byte[] buf = new byte[CHUNK];
            long in = 0;
            long made = 0;
            while (!inf.finished()) {
                if (inf.needsInput()) {
                    if (in >= e.compressedSize) {
                        break;
                    }
                    int n = (int) Math.min(CHUNK, e.compressedSize - in);
                    inf.setInput(read(zip, data + in, n));
                    in += n;
                }
                // One byte more than declared must not come out: the directory's size is the whole entry.
                int k = inf.inflate(buf, 0, (int) Math.min(buf.length, e.size - made + 1));
                if (k == 0 && (inf.needsDictionary() || (!inf.needsInput() && !inf.finished()))) {
                    break;
                }
                made += k;
                if (made > e.size) {
                    break;
                }
                out.write(buf, 0, k);
            }
            if (made != e.size || !inf.finished()) {
                throw new IllegalArgumentException(e.name + " does not inflate to the " + e.size
                        + " bytes the central directory declares");
            }
        } catch (DataFormatException x) {
            throw new IllegalArgumentException(e.name + " is not valid deflate data: " + x.getMessage());
        } finally {
            inf.end();
        }
    }
}
