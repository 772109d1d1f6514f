package dev.ocisc.diff;

import dev.ocisc.graph.InvalidInputException;
import dev.ocisc.oci.Limits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a tar stream header by header, keeping both what each entry is and how it was encoded. Parsed by hand
 * (not commons-compress) because the encoding facts are the point: which long-name method, which magic, how many
 * zero blocks and how much padding follow the last entry. Nothing is extracted; link targets are kept as text.
 */
final class TarParser {
    private static final int BLOCK = 512;

    private final InputStream in;
    private final String source;
    private final Limits limits;
    private final ContentCapture capture;
    private final byte[] block = new byte[BLOCK];
    private final byte[] buf = new byte[64 * 1024];
    private long offset;

    TarParser(InputStream in, String source, Limits limits, ContentCapture capture) {
        this.in = in;
        this.source = source;
        this.limits = limits;
        this.capture = capture;
    }

    record Result(List<Entry> entries, TarEncoding encoding) {
    }

    Result parse() throws IOException {
        List<Entry> entries = new ArrayList<>();
        Set<String> formats = new TreeSet<>();
        Set<String> methods = new TreeSet<>();
        Set<String> prefixes = new LinkedHashSet<>();
        Set<String> slashes = new TreeSet<>();
        boolean root = false;
        boolean globalPax = false;
        Map<String, String> pax = new HashMap<>();
        String longName = null;
        String longLink = null;
        long lastDataEnd = 0;
        boolean sawExtension = false;
        while (true) {
            if (!readBlock()) {
                if (sawExtension) {
                    throw bad("ends inside an extended header");
                }
                return finish(entries, formats, methods, prefixes, slashes, root, globalPax, 0, 0, lastDataEnd);
            }
            if (allZero(block)) {
                return trailer(entries, formats, methods, prefixes, slashes, root, globalPax, lastDataEnd);
            }
            long headerAt = offset - BLOCK;
            verifyChecksum(headerAt);
            char flag = (char) block[156];
            long size = number(124, 12, headerAt, "size");
            switch (flag) {
                case 'L' -> {
                    longName = stripNul(readRecord(size));
                    sawExtension = true;
                    continue;
                }
                case 'K' -> {
                    longLink = stripNul(readRecord(size));
                    sawExtension = true;
                    continue;
                }
                case 'x', 'X' -> {
                    pax.putAll(parsePax(readRecord(size), headerAt));
                    sawExtension = true;
                    continue;
                }
                case 'g' -> {
                    globalPax = true;
                    readRecord(size);
                    continue;
                }
                default -> {
                }
            }
            sawExtension = false;
            String magic = new String(block, 257, 8, StandardCharsets.ISO_8859_1);
            String format = magic.startsWith("ustar\0") ? "ustar" : magic.startsWith("ustar ") ? "gnu" : "v7";
            String headerName = cString(0, 100);
            String prefix = format.equals("ustar") ? cString(345, 155) : "";
            String rawName;
            String method;
            if (pax.containsKey("path")) {
                rawName = pax.remove("path");
                method = "pax-path";
            } else if (longName != null) {
                rawName = longName;
                method = "gnu-longlink";
            } else if (!prefix.isEmpty()) {
                rawName = prefix + "/" + headerName;
                method = "ustar-prefix";
            } else {
                rawName = headerName;
                method = "plain";
            }
            if (!method.equals("plain")) {
                methods.add(method);
            }
            boolean hadPax = !pax.isEmpty() || method.equals("pax-path");
            formats.add(hadPax ? "pax" : format);
            String link = pax.containsKey("linkpath") ? pax.remove("linkpath")
                    : longLink != null ? longLink : cString(157, 100);
            longName = null;
            longLink = null;
            EntryType type = switch (flag) {
                case '0', '\0', '7' -> rawName.endsWith("/") && format.equals("v7") ? EntryType.DIRECTORY
                        : EntryType.FILE;
                case '1' -> EntryType.HARDLINK;
                case '2' -> EntryType.SYMLINK;
                case '3' -> EntryType.CHAR_DEVICE;
                case '4' -> EntryType.BLOCK_DEVICE;
                case '5' -> EntryType.DIRECTORY;
                case '6' -> EntryType.FIFO;
                default -> EntryType.OTHER;
            };
            long mode = number(100, 8, headerAt, "mode");
            long uid = pax.containsKey("uid") ? paxLong(pax.remove("uid"), headerAt) : number(108, 8, headerAt, "uid");
            long gid = pax.containsKey("gid") ? paxLong(pax.remove("gid"), headerAt) : number(116, 8, headerAt, "gid");
            if (pax.containsKey("size")) {
                size = paxLong(pax.remove("size"), headerAt);
            }
            long mtime;
            long nanos = 0;
            if (pax.containsKey("mtime")) {
                String m = pax.remove("mtime");
                int dot = m.indexOf('.');
                mtime = paxLong(dot < 0 ? m : m.substring(0, dot), headerAt);
                if (dot >= 0) {
                    String frac = (m.substring(dot + 1) + "000000000").substring(0, 9);
                    nanos = paxLong(frac, headerAt);
                }
            } else {
                mtime = number(136, 12, headerAt, "mtime");
            }
            boolean hasOwnerNames = !format.equals("v7");
            String uname = pax.containsKey("uname") ? pax.remove("uname") : hasOwnerNames ? cString(265, 32) : "";
            String gname = pax.containsKey("gname") ? pax.remove("gname") : hasOwnerNames ? cString(297, 32) : "";
            long major = hasOwnerNames && (type == EntryType.CHAR_DEVICE || type == EntryType.BLOCK_DEVICE)
                    ? number(329, 8, headerAt, "devmajor") : 0;
            long minor = hasOwnerNames && (type == EntryType.CHAR_DEVICE || type == EntryType.BLOCK_DEVICE)
                    ? number(337, 8, headerAt, "devminor") : 0;
            Map<String, String> records = new TreeMap<>(pax);
            pax.clear();
            String path = normalize(rawName);
            if (path.equals(".")) {
                root = true;
            }
            prefixes.add(rawName.startsWith("./") || rawName.equals(".") ? "./"
                    : rawName.startsWith("/") ? "/" : "none");
            if (type == EntryType.DIRECTORY && !path.equals(".")) {
                slashes.add(rawName.endsWith("/") ? "yes" : "no");
            }
            String sha = null;
            if (type == EntryType.FILE) {
                sha = readContent(path, size);
            } else {
                skipData(size);
            }
            lastDataEnd = offset;
            if (entries.size() >= limits.maxEntries()) {
                throw bad("more than " + limits.maxEntries() + " entries (limit)");
            }
            String target = type == EntryType.SYMLINK ? link
                    : type == EntryType.HARDLINK ? normalize(link) : null;
            entries.add(new Entry(path, rawName, method, type, mode, uid, gid, uname, gname, mtime, nanos,
                    type == EntryType.FILE ? size : 0, sha, target, records, major, minor, entries.size()));
            if (capture.done()) {
                return finish(entries, formats, methods, prefixes, slashes, root, globalPax, 0, 0, lastDataEnd);
            }
        }
    }

    /** After the first zero block: count the end-of-archive marker and whatever padding follows. */
    private Result trailer(List<Entry> entries, Set<String> formats, Set<String> methods, Set<String> prefixes,
            Set<String> slashes, boolean root, boolean globalPax, long lastDataEnd) throws IOException {
        int zeroBlocks = 1;
        boolean dataAfter = false;
        int n;
        while ((n = in.read(buf)) > 0) {
            for (int i = 0; i < n && !dataAfter; i++) {
                if (buf[i] != 0) {
                    dataAfter = true;
                }
            }
            offset += n;
        }
        long trailing = offset - lastDataEnd;
        zeroBlocks = (int) Math.min(2, trailing / BLOCK);
        Result r = finish(entries, formats, methods, prefixes, slashes, root, globalPax, zeroBlocks, trailing,
                lastDataEnd);
        if (dataAfter) {
            // A second archive appended after the end marker: tar -x ignores it, so do we, but say so.
            return new Result(r.entries(), new TarEncoding(r.encoding().format() + "+data-after-end",
                    r.encoding().longNameMethods(), r.encoding().namePrefix(), r.encoding().dirTrailingSlash(),
                    root, globalPax, zeroBlocks, trailing, offset));
        }
        return r;
    }

    private Result finish(List<Entry> entries, Set<String> formats, Set<String> methods, Set<String> prefixes,
            Set<String> slashes, boolean root, boolean globalPax, int endMarker, long trailing, long lastDataEnd)
            throws IOException {
        // ustar entries inside a PAX archive are PAX entries that needed no extended header.
        Set<String> f = new TreeSet<>(formats);
        if (f.contains("pax")) {
            f.remove("ustar");
        }
        String format = f.isEmpty() ? "empty" : f.size() == 1 ? f.iterator().next() : "mixed:" + String.join("+", f);
        String prefix = prefixes.isEmpty() ? "none" : prefixes.size() == 1 ? prefixes.iterator().next() : "mixed";
        String slash = slashes.isEmpty() ? "n/a" : slashes.size() == 1 ? slashes.iterator().next() : "mixed";
        return new Result(entries, new TarEncoding(format, List.copyOf(methods), prefix, slash, root, globalPax,
                endMarker, trailing, offset));
    }

    static String normalize(String raw) {
        String p = raw;
        while (true) {
            if (p.startsWith("./")) {
                p = p.substring(2);
            } else if (p.startsWith("/")) {
                p = p.substring(1);
            } else {
                break;
            }
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        p = p.replace("/./", "/");
        if (p.endsWith("/.")) {
            p = p.substring(0, p.length() - 2);
        }
        return p.isEmpty() || p.equals(".") ? "." : p;
    }

    private String readContent(String path, long size) throws IOException {
        MessageDigest md = Sha256.create();
        boolean keep = capture.wants(path);
        ByteArrayOutputStream kept = keep ? new ByteArrayOutputStream() : null;
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw bad("truncated: " + path + " ends before its " + size + " bytes");
            }
            md.update(buf, 0, n);
            if (keep && kept.size() < capture.maxBytes()) {
                kept.write(buf, 0, Math.min(n, capture.maxBytes() - kept.size()));
            }
            left -= n;
            offset += n;
        }
        skipPadding(size);
        if (keep) {
            capture.put(path, kept.toByteArray(), size);
        }
        return Sha256.hex(md);
    }

    private void skipData(long size) throws IOException {
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw bad("truncated inside entry data");
            }
            left -= n;
            offset += n;
        }
        skipPadding(size);
    }

    private void skipPadding(long size) throws IOException {
        int pad = (int) ((BLOCK - size % BLOCK) % BLOCK);
        int n = pad > 0 ? in.readNBytes(buf, 0, pad) : 0;
        // Debian's umoci 0.4.7 ends a layer right after the last entry's data: no padding, no end marker. The data
        // is complete, so the archive is read (as tar and runtimes do) and the missing end shows in the encoding.
        offset += n;
    }

    private byte[] readRecord(long size) throws IOException {
        if (size < 0 || size > limits.maxHeaderBytes()) {
            throw bad("extended header of " + size + " bytes at offset " + (offset - BLOCK) + " (limit "
                    + limits.maxHeaderBytes() + ")");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length != size) {
            throw bad("truncated inside an extended header");
        }
        offset += size;
        skipPadding(size);
        return data;
    }

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

    private void verifyChecksum(long at) {
        long stored = number(148, 8, at, "checksum");
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (block[i] & 0xff);
        }
        if (sum != stored) {
            throw bad("not a tar archive (header checksum mismatch at offset " + at + ")");
        }
    }

    /** An octal field, or a base-256 one (first byte has the high bit set), as GNU tar writes large values. */
    private long number(int off, int len, long at, String field) {
        if ((block[off] & 0x80) != 0) {
            long v = block[off] & 0x7f;
            for (int i = 1; i < len; i++) {
                v = (v << 8) | (block[off + i] & 0xff);
            }
            return v;
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

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private InvalidInputException bad(String problem) {
        return new InvalidInputException(source, problem);
    }
}
