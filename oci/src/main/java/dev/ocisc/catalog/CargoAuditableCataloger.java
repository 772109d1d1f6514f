package dev.ocisc.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.json.JsonFields;
import dev.ocisc.json.StrictJson;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Crates that {@code cargo auditable} recorded in a binary: the ELF section {@code .dep-v0}, zlib-compressed JSON
 * ({@code packages}: name, version, source, kind, dependencies by index, root). cargo-auditable gives the section no
 * flags, so the linker puts it after every loaded segment, with the section table; the scan keeps the ELF and
 * program headers from the first bytes, then only the bytes after the last loaded segment (at most
 * {@link #MAX_TAIL}), and finds the section by name, as {@code rust-audit-info} does. The JSON is inflated to at most
 * {@link #MAX_JSON} bytes and believed only whole: an index out of range or a second root drops the section with a
 * warning.
 */
public final class CargoAuditableCataloger implements LanguageCataloger {
    /** ELF and program headers must lie within the first bytes. */
    static final int HEAD = 64 * 1024;
    /** Bytes after the loaded segments kept: symbol tables and a stripped binary's notes fit many times over. */
    static final long MAX_TAIL = 32L << 20;
    static final int MAX_SECTION = 8 << 20;
    static final int MAX_JSON = 32 << 20;

    @Override
    public FileScan open(String path, long size, int mode) {
        // cargo auditable records crates in executables; a library or a data file is no concern here.
        return size < 64 || (mode & 0111) == 0 ? null : new Scan(path, size);
    }

    private static final class Scan implements FileScan {
        private final String path;
        private final long size;
        /** Allocated once the first bytes are ELF's: most files are not, and cost nothing more. */
        private byte[] head;
        private int headLen;
        private long offset;
        private boolean done;
        private boolean headersRead;
        private ElfHeader elf;
        private long tailStart = -1;
        private byte[] tail;
        private int tailLen;
        private final List<String> warnings = new ArrayList<>();

        Scan(String path, long size) {
            this.path = path;
            this.size = size;
        }

        @Override
        public boolean wantsMore() {
            return !done;
        }

        @Override
        public void data(byte[] buf, int off, int len) {
            if (done) {
                return;
            }
            long at = offset;
            offset += len;
            if (head == null) {
                if (len >= 4 && !ElfHeader.isElf(buf, off, len)) {
                    done = true;
                    return;
                }
                head = new byte[(int) Math.min(size, HEAD)];
            }
            if (headLen < head.length) {
                int n = Math.min(len, head.length - headLen);
                System.arraycopy(buf, off, head, headLen, n);
                headLen += n;
                if (headLen >= 4 && !isElf()) {
                    done = true; // not ELF: decided on the first bytes
                    return;
                }
                if (headLen < head.length) {
                    return;
                }
                if (!readHeaders()) {
                    done = true;
                    return;
                }
                keep(buf, off + n, len - n, at + n); // the head's own bytes were kept by readHeaders
                return;
            }
            keep(buf, off, len, at);
        }

        /** Keeps what of bytes {@code at..at+len} of the file lies in the tail. */
        private void keep(byte[] buf, int off, int len, long at) {
            long from = Math.max(at, tailStart);
            long to = at + len;
            if (from >= to) {
                return;
            }
            int n = (int) (to - from);
            System.arraycopy(buf, off + (int) (from - at), tail, tailLen, Math.min(n, tail.length - tailLen));
            tailLen += Math.min(n, tail.length - tailLen);
        }

        private boolean isElf() {
            return ElfHeader.isElf(head, 0, headLen);
        }

        /** The program headers: where the loaded segments end, and so where the tail starts. */
        private boolean readHeaders() {
            headersRead = true;
            try {
                elf = ElfHeader.read(head, headLen);
            } catch (ElfHeader.Unreadable e) {
                return false; // Go's cataloger reports broken ELF headers; nothing of ours to find here
            }
            if (elf.shnum() == 0 || elf.shoff() <= 0 || elf.shoff() >= size) {
                return false; // no section table: nothing can be found by name
            }
            long loadEnd = 0;
            for (ElfHeader.Program ph : elf.programs() == null ? List.<ElfHeader.Program>of() : elf.programs()) {
                long off = ph.offset();
                long filesz = ph.filesz();
                if (ph.loaded() && off >= 0 && filesz >= 0 && off <= size && filesz <= size - off) {
                    loadEnd = Math.max(loadEnd, off + filesz);
                }
            }
            // An object file has no segments: then the whole file is the tail, if it is small enough.
            tailStart = Math.min(loadEnd, elf.shoff());
            if (size - tailStart > MAX_TAIL) {
                return false; // debug information past the segments: not kept (Nix strips it)
            }
            tail = new byte[(int) (size - tailStart)];
            if (tailStart < headLen) {
                keep(head, 0, headLen, 0);
            }
            return true;
        }

        @Override
        public Found finish() {
            if (!headersRead) {
                if (head == null || headLen < 64 || !isElf() || !readHeaders()) {
                    return Found.NONE;
                }
            }
            if (tail == null) {
                return new Found(List.of(), warnings);
            }
            try {
                byte[] section = depSection();
                if (section == null) {
                    return new Found(List.of(), warnings);
                }
                return new Found(packages(inflate(section)), warnings);
            } catch (IllegalArgumentException e) {
                warnings.add("/" + path + ": cargo-auditable data (.dep-v0) not read: " + e.getMessage());
                return new Found(List.of(), warnings);
            }
        }

        /** Bytes {@code off..off+len} of the file, which must lie in the tail. */
        private ByteBuffer at(long off, long len, String what) {
            // Offsets and sizes come from the file: compared without sums that could overflow.
            if (off < tailStart || len < 0 || len > tailLen || off - tailStart > tailLen - len) {
                boolean pastEnd = off < 0 || len < 0 || off > size || len > size - off;
                throw new IllegalArgumentException(what + " (" + len + " bytes at " + off + ") lies outside the "
                        + (pastEnd ? size + "-byte file" : "bytes after the loaded segments"));
            }
            return ByteBuffer.wrap(tail, (int) (off - tailStart), (int) len).slice().order(elf.order());
        }

        /** The bytes of the one section named .dep-v0, or null when there is none. */
        private byte[] depSection() {
            int shentsize = elf.shentsize();
            int shnum = elf.shnum();
            int shstrndx = elf.shstrndx();
            if (shentsize < elf.sectionHeaderSize() || shstrndx >= shnum) {
                throw new IllegalArgumentException("the section table (" + shnum + " of " + shentsize
                        + " bytes, names in " + shstrndx + ") is malformed");
            }
            ByteBuffer table = at(elf.shoff(), (long) shnum * shentsize, "the section table");
            long[] names = elf.section(table, shstrndx * shentsize);
            ByteBuffer strtab = at(names[1], names[2], "the section names");
            byte[] wanted = ".dep-v0\0".getBytes(StandardCharsets.US_ASCII);
            long[] found = null;
            for (int i = 0; i < shnum; i++) {
                long[] s = elf.section(table, i * shentsize);
                if (s[0] < 0 || s[0] + wanted.length > strtab.limit()) {
                    continue;
                }
                byte[] name = new byte[wanted.length];
                strtab.get((int) s[0], name);
                if (Arrays.equals(name, wanted)) {
                    if (found != null) {
                        throw new IllegalArgumentException("two sections are named .dep-v0");
                    }
                    found = s;
                }
            }
            if (found == null) {
                return null;
            }
            if (found[2] > MAX_SECTION) {
                throw new IllegalArgumentException("the section is " + found[2] + " bytes, above the limit of "
                        + MAX_SECTION);
            }
            ByteBuffer data = at(found[1], found[2], "the section");
            byte[] out = new byte[(int) found[2]];
            data.get(0, out);
            return out;
        }

        private static byte[] inflate(byte[] section) {
            Inflater inf = new Inflater();
            try {
                inf.setInput(section);
                ByteArrayOutputStream out = new ByteArrayOutputStream(section.length * 4);
                byte[] buf = new byte[64 * 1024];
                while (!inf.finished()) {
                    int n = inf.inflate(buf);
                    if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                        throw new IllegalArgumentException("its zlib stream is truncated");
                    }
                    if (out.size() + n > MAX_JSON) {
                        throw new IllegalArgumentException("it inflates to more than " + MAX_JSON
                                + " bytes (limit)");
                    }
                    out.write(buf, 0, n);
                }
                return out.toByteArray();
            } catch (DataFormatException e) {
                throw new IllegalArgumentException("not zlib data: " + e.getMessage());
            } finally {
                inf.end();
            }
        }

        private List<LanguagePackage> packages(byte[] json) {
            String source = "/" + path + " (.dep-v0)";
            JsonFields f = new JsonFields(source);
            JsonNode doc;
            try {
                doc = f.object(StrictJson.parse(json, source), "cargo-auditable data");
            } catch (dev.ocisc.failure.InvalidInputException e) {
                throw new IllegalArgumentException(e.getMessage().substring(source.length() + 2));
            }
            JsonNode pkgs = doc.get("packages");
            if (pkgs == null || !pkgs.isArray()) {
                throw new IllegalArgumentException("no packages array");
            }
            List<LanguagePackage> out = new ArrayList<>();
            int roots = 0;
            for (int i = 0; i < pkgs.size(); i++) {
                String where = "packages[" + i + "]";
                JsonNode p = pkgs.get(i);
                if (!p.isObject()) {
                    throw new IllegalArgumentException(where + " is not an object");
                }
                String name;
                String version;
                String src;
                String kind;
                boolean root;
                try {
                    name = CargoToml.crateName(f.string(p, "name", where), where);
                    version = f.string(p, "version", where);
                    src = f.string(p, "source", where);
                    kind = f.string(p, "kind", where, "runtime");
                    root = f.bool(p, "root", where, false);
                    for (JsonNode d : p.path("dependencies")) {
                        if (!d.canConvertToInt() || !d.isIntegralNumber() || d.asInt() < 0 || d.asInt() >= pkgs.size()
                                || d.asInt() == i) {
                            throw new IllegalArgumentException(where + " depends on " + d + ", which is no other "
                                    + "package's index");
                        }
                    }
                } catch (dev.ocisc.failure.InvalidInputException e) {
                    throw new IllegalArgumentException(e.getMessage().substring(source.length() + 2));
                }
                if (version == null || version.isEmpty() || src == null) {
                    throw new IllegalArgumentException(where + " has no " + (src == null ? "source" : "version"));
                }
                roots += root ? 1 : 0;
                TreeMap<String, String> props = new TreeMap<>();
                props.put("cargo:source", src);
                props.put("cargo:kind", kind);
                out.add(new LanguagePackage("cargo", null, name, version, null, null, root, null, null, props));
            }
            if (roots > 1) {
                throw new IllegalArgumentException(roots + " packages are marked root");
            }
            return out;
        }
    }
}
