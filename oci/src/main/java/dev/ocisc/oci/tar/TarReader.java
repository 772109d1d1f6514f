package dev.ocisc.oci.tar;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.EntryType;
import dev.ocisc.oci.Limits;
import dev.ocisc.oci.TarEnd;
import dev.ocisc.oci.TarHeader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one tar reader of ocisc: layers, image archives, and the tars {@code diff} compares. It reads header by
 * header and keeps how each entry was written (long-name method, magic, how the archive ends), because
 * {@code diff} reports those facts.
 *
 * <p>It hands on only bytes it read: nothing is made up, so the caps on the stream below it bound everything
 * above. Sparse entries, whose holes a reader would have to synthesise, are refused, and every header record held
 * in memory (GNU long names and links, PAX records) is capped. The rules every command shares: checksums match,
 * sizes are not negative, names and hard-link targets stay inside the root, a hard link names an earlier file of
 * the same tar, and a layer holds no path twice (directories excepted).
 */
public final class TarReader {
    /** What the tar is: a layer may not hold a path twice; other tars may (diff reports it). */
    public enum Kind { LAYER, TAR }

    private static final int BLOCK = 512;

    private final InputStream in;
    private final String source;
    private final Limits limits;
    private final Kind kind;
    private final byte[] block = new byte[BLOCK];
    private final byte[] skipBuffer = new byte[16 * 1024];
    /** Paths written so far and what they are: for hard links and duplicates. */
    private final Map<String, EntryType> seen = new HashMap<>();
    private boolean seeks;
    private long offset;
    private long entries;
    private TarHeader current;
    /** Data bytes of the current entry not yet read, and the padding after them. */
    private long remaining;
    private long padding;
    private long lastDataEnd;
    private boolean ended;
    private boolean endedAtZeroBlock;
    private boolean globalPax;

    /**
     * @param source names the tar in error messages
     */
    public TarReader(InputStream in, String source, Limits limits, Kind kind) {
        this.in = in;
        this.source = source;
        this.limits = limits;
        this.kind = kind;
    }

    /**
     * Skips unread content with {@link InputStream#skip}: only for a stream whose skip is a seek and that nothing
     * above needs to see in full (an archive file on disk). Other streams are read through, so that digests and
     * caps below see every byte.
     */
    public TarReader seeking() {
        seeks = true;
        return this;
    }

    /** The next entry, or null at the end; whatever the caller left of the previous entry's content is skipped. */
    public TarHeader next() throws IOException {
        if (ended) {
            return null;
        }
        finishEntry();
        Map<String, String> pax = new TreeMap<>();
        String longName = null;
        String longLink = null;
        boolean extended = false;
        boolean hadPax = false;
        long held = 0;
        long first = offset;
        while (true) {
            long at = offset;
            if (!readBlock()) {
                return end(extended, false, at);
            }
            if (TarHeaders.allZero(block)) {
                return end(extended, true, at);
            }
            if (!TarHeaders.checksumMatches(block)) {
                throw bad("header checksum mismatch at offset " + at + ": not a tar header");
            }
            char flag = (char) (block[156] & 0xff);
            long size = number(124, 12, at, "size");
            if (size < 0) {
                throw bad("negative size in the header at offset " + at);
            }
            if (flag == 'S') {
                throw sparse(cString(0, 100), at);
            }
            String record = switch (flag) {
                case 'L' -> "GNU long name";
                case 'K' -> "GNU long link";
                case 'x', 'X' -> "PAX header";
                case 'g' -> "PAX global header";
                default -> null;
            };
            if (record == null) {
                return entry(flag, size, pax, longName, longLink, hadPax, first, at);
            }
            // What the next entry's headers hold in memory is capped as a whole, not record by record.
            held = flag == 'g' ? size : held + size;
            if (size > limits.maxHeaderBytes() || held > limits.maxHeaderBytes()) {
                throw bad(record + " of " + size + " bytes at offset " + at + " (limit " + limits.maxHeaderBytes()
                        + " bytes of header records per entry)");
            }
            byte[] data = readRecord(size);
            switch (flag) {
                case 'L' -> longName = stripNul(data);
                case 'K' -> longLink = stripNul(data);
                case 'x', 'X' -> {
                    pax.putAll(parsePax(data, at));
                    hadPax = true;
                }
                default -> globalPax = true; // applies to no entry in Go's reader either; kept as a fact
            }
            extended = flag != 'g';
        }
    }

    private TarHeader end(boolean insideExtension, boolean zeroBlock, long at) {
        if (insideExtension) {
            throw bad("ends inside an extended header at offset " + at);
        }
        ended = true;
        endedAtZeroBlock = zeroBlock;
        return null;
    }

    private TarHeader entry(char flag, long headerSize, Map<String, String> pax, String longName, String longLink,
            boolean hadPax, long first, long at) throws IOException {
        for (String key : pax.keySet()) {
            if (key.startsWith("GNU.sparse.")) {
                throw sparse(pax.getOrDefault("path", cString(0, 100)), at);
            }
        }
        String magic = new String(block, 257, 8, StandardCharsets.ISO_8859_1);
        String format = magic.startsWith("ustar\0") ? "ustar" : magic.startsWith("ustar ") ? "gnu" : "v7";
        String headerName = cString(0, 100);
        String prefix = format.equals("ustar") ? cString(345, 155) : "";
        String name;
        String method;
        if (pax.containsKey("path")) {
            name = pax.remove("path");
            method = "pax-path";
        } else if (longName != null) {
            name = longName;
            method = "gnu-longlink";
        } else if (!prefix.isEmpty()) {
            name = prefix + "/" + headerName;
            method = "ustar-prefix";
        } else {
            name = headerName;
            method = "plain";
        }
        String link = pax.containsKey("linkpath") ? pax.remove("linkpath")
                : longLink != null ? longLink : cString(157, 100);
        long mode = number(100, 8, at, "mode");
        long uid = pax.containsKey("uid") ? paxLong(pax.remove("uid"), at) : number(108, 8, at, "uid");
        long gid = pax.containsKey("gid") ? paxLong(pax.remove("gid"), at) : number(116, 8, at, "gid");
        long size = pax.containsKey("size") ? paxLong(pax.remove("size"), at) : headerSize;
        if (size < 0) {
            throw bad("negative size in the PAX header of '" + name + "' at offset " + at);
        }
        long mtime;
        long nanos = 0;
        if (pax.containsKey("mtime")) {
            String m = pax.remove("mtime");
            int dot = m.indexOf('.');
            mtime = paxLong(dot < 0 ? m : m.substring(0, dot), at);
            if (dot >= 0) {
                nanos = paxLong((m.substring(dot + 1) + "000000000").substring(0, 9), at);
            }
        } else {
            mtime = number(136, 12, at, "mtime");
        }
        boolean ownerNames = !format.equals("v7");
        String uname = pax.containsKey("uname") ? pax.remove("uname") : ownerNames ? cString(265, 32) : "";
        String gname = pax.containsKey("gname") ? pax.remove("gname") : ownerNames ? cString(297, 32) : "";
        boolean device = flag == '3' || flag == '4';
        long major = ownerNames && device ? number(329, 8, at, "devmajor") : 0;
        long minor = ownerNames && device ? number(337, 8, at, "devminor") : 0;

        EntryType type = typeOf(flag, name, format);
        String path = Paths.normalize(name);
        if (path == null) {
            throw bad("tar entry '" + name + "' escapes the root");
        }
        if (++entries > limits.maxEntries()) {
            throw bad("more than " + limits.maxEntries() + " tar entries (limit)");
        }
        String target = null;
        if (type == EntryType.HARDLINK) {
            target = Paths.normalize(link);
            if (target == null || target.isEmpty()) {
                throw bad("hard link '" + name + "' -> '" + link + "' escapes the root");
            }
            EntryType linked = seen.get(target);
            if (linked == null || linked == EntryType.DIRECTORY) {
                throw bad("hard link '" + name + "' -> '" + link + "' does not name an earlier file of this tar");
            }
        } else if (type == EntryType.SYMLINK) {
            target = link;
        }
        EntryType before = seen.put(path, type);
        // A repeated directory is harmless (some writers emit the parents of every file); any other repeat makes
        // "which one wins" depend on the extractor.
        if (kind == Kind.LAYER && before != null
                && !(before == EntryType.DIRECTORY && type == EntryType.DIRECTORY)) {
            throw bad("duplicate tar entry '" + path + "'");
        }
        remaining = size;
        padding = (BLOCK - size % BLOCK) % BLOCK;
        current = new TarHeader(path, name, method, hadPax ? "pax" : format, flag, type, mode, uid, gid, uname,
                gname, type == EntryType.FILE ? size : 0, mtime, nanos, target, major, minor, pax, first);
        return current;
    }

    /**
     * What a type byte means. A {@code \0} type (and any v7 header) with a trailing slash is a directory, as Go's
     * archive/tar reads it; devices and FIFOs are told apart, unknown types are OTHER and their data is skipped.
     */
    private static EntryType typeOf(char flag, String name, String format) {
        return switch (flag) {
            case '0', '7' -> format.equals("v7") && name.endsWith("/") ? EntryType.DIRECTORY : EntryType.FILE;
            case '\0' -> name.endsWith("/") ? EntryType.DIRECTORY : EntryType.FILE;
            case '1' -> EntryType.HARDLINK;
            case '2' -> EntryType.SYMLINK;
            case '3' -> EntryType.CHAR_DEVICE;
            case '4' -> EntryType.BLOCK_DEVICE;
            case '5' -> EntryType.DIRECTORY;
            case '6' -> EntryType.FIFO;
            default -> EntryType.OTHER;
        };
    }

    private InvalidInputException sparse(String name, long at) {
        return bad("sparse entry '" + name + "' at offset " + at + " refused: its holes would be made up, not read");
    }

    /** Content of the current entry, if it is a regular file; -1 at its end. */
    public int read(byte[] b, int off, int len) throws IOException {
        if (current == null || current.type() != EntryType.FILE || remaining == 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw bad("truncated: '" + current.path() + "' ends " + remaining + " bytes before its end");
        }
        remaining -= n;
        offset += n;
        return n;
    }

    /** The current entry's content as a stream (not closed with it). */
    public InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return TarReader.this.read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : TarReader.this.read(b, off, len);
            }
        };
    }

    /** Bytes read (or seeked over) so far: right after {@link #next}, where the entry's content starts. */
    public long offset() {
        return offset;
    }

    /** Entries read so far (extended headers not counted). */
    public long entries() {
        return entries;
    }

    /** Whether a PAX global header was seen. */
    public boolean globalPax() {
        return globalPax;
    }

    /**
     * After {@link #next} returned null: reads what follows the end marker (so a digest below covers it) and says
     * how the tar ended.
     */
    public TarEnd end() throws IOException {
        if (!ended) {
            throw new IllegalStateException("end() before the last entry");
        }
        if (!endedAtZeroBlock) {
            return new TarEnd(0, 0, offset, false);
        }
        boolean dataAfter = false;
        int n;
        while ((n = in.read(skipBuffer)) > 0) {
            for (int i = 0; i < n && !dataAfter; i++) {
                dataAfter = skipBuffer[i] != 0;
            }
            offset += n;
        }
        long trailing = offset - lastDataEnd;
        return new TarEnd((int) Math.min(2, trailing / BLOCK), trailing, offset, dataAfter);
    }

    private void finishEntry() throws IOException {
        if (current == null) {
            return;
        }
        skip(remaining);
        remaining = 0;
        // Debian's umoci 0.4.7 ends a layer right after the last entry's data: no padding, no end marker. The data
        // is complete, so the tar is read (as tar and runtimes do); the missing end shows in End.
        long pad = padding;
        while (pad > 0) {
            int n = in.read(skipBuffer, 0, (int) pad);
            if (n < 0) {
                break;
            }
            pad -= n;
            offset += n;
        }
        lastDataEnd = offset;
        current = null;
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long done = seeks ? in.skip(left) : in.read(skipBuffer, 0, (int) Math.min(skipBuffer.length, left));
            if (done <= 0) {
                // skip() may stop short without being at the end; read() tells which.
                if (in.read() < 0) {
                    throw bad("truncated: '" + current.path() + "' ends " + left + " bytes before its end");
                }
                done = 1;
            }
            left -= done;
            offset += done;
        }
    }

    private boolean readBlock() throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw bad("truncated header at offset " + offset);
        }
        offset += BLOCK;
        return true;
    }

    private byte[] readRecord(long size) throws IOException {
        byte[] data = in.readNBytes((int) size);
        if (data.length != size) {
            throw bad("truncated inside an extended header at offset " + offset);
        }
        offset += size;
        long pad = (BLOCK - size % BLOCK) % BLOCK;
        offset += in.readNBytes(skipBuffer, 0, (int) pad);
        return data;
    }

    /** PAX records: {@code "<length> <key>=<value>\n"}, the length counting the whole record. */
    private Map<String, String> parsePax(byte[] data, long at) {
        Map<String, String> m = new TreeMap<>();
        int p = 0;
        while (p < data.length) {
            int sp = p;
            while (sp < data.length && data[sp] != ' ') {
                sp++;
            }
            int len;
            try {
                len = Integer.parseInt(new String(data, p, sp - p, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw bad("malformed PAX record at offset " + at);
            }
            if (len <= sp - p + 1 || p + len > data.length) {
                throw bad("malformed PAX record length at offset " + at);
            }
            String kv = new String(data, sp + 1, len - (sp - p) - 2, StandardCharsets.UTF_8);
            int eq = kv.indexOf('=');
            if (eq < 0) {
                throw bad("PAX record without '=' at offset " + at);
            }
            m.put(kv.substring(0, eq), kv.substring(eq + 1));
            p += len;
        }
        return m;
    }

    /**
     * A numeric field: octal, or GNU's base-256 (high bit of the first byte set; two's complement, so it can say
     * what octal cannot: a negative number, which callers refuse where it makes no sense).
     */
    private long number(int off, int len, long at, String field) {
        if ((block[off] & 0x80) != 0) {
            int invert = (block[off] & 0x40) != 0 ? 0xff : 0;
            long x = 0;
            for (int i = 0; i < len; i++) {
                int c = (block[off + i] & 0xff) ^ invert;
                if (i == 0) {
                    c &= 0x7f;
                }
                if ((x >>> 55) != 0) {
                    throw bad(field + " field out of range at offset " + at);
                }
                x = (x << 8) | c;
            }
            return invert != 0 ? ~x : x;
        }
        long v = 0;
        boolean any = false;
        for (int i = off; i < off + len; i++) {
            int c = block[i] & 0xff;
            if (c == 0 || (c == ' ' && any)) {
                break;
            }
            if (c == ' ') {
                continue;
            }
            if (c < '0' || c > '7') {
                throw bad("invalid " + field + " field at offset " + at);
            }
            v = v * 8 + (c - '0');
            any = true;
        }
        return v;
    }

    private long paxLong(String s, long at) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw bad("invalid PAX number '" + s + "' at offset " + at);
        }
    }

    private String cString(int off, int len) {
        int e = off;
        while (e < off + len && block[e] != 0) {
            e++;
        }
        return new String(block, off, e - off, StandardCharsets.UTF_8);
    }

    private static String stripNul(byte[] b) {
        int e = b.length;
        while (e > 0 && b[e - 1] == 0) {
            e--;
        }
        return new String(b, 0, e, StandardCharsets.UTF_8);
    }

    private InvalidInputException bad(String problem) {
        return new InvalidInputException(source, problem);
    }
}
