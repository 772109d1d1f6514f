package dev.ocisc.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Go modules from the build info of ELF binaries, read while the file streams past: the ELF and program headers
 * from the first bytes, then the writable load segments, where the linker puts {@code .go.buildinfo}, are
 * searched for its magic at 16-byte aligned addresses (what {@code debug/buildinfo} does when a binary has no
 * section table), and only the build info itself is kept. The section table sits at a file's end, too late for
 * one pass; in binaries from Go's linker the section is the first of the data segment, so both find the same
 * bytes. Memory is bounded by {@link #HEAD} and {@link #MAX_BLOB}, whatever the file's size.
 */
public final class GoBinaryCataloger implements LanguageCataloger {
    /** The first bytes kept: ELF header and program headers must lie within them. */
    static final int HEAD = 64 * 1024;
    /** The most build info kept: thousands of modules fit. */
    static final int MAX_BLOB = 4 << 20;
    private static final int ALIGN = 16;

    @Override
    public FileScan open(String path, long size, int mode) {
        // Only executables: a program is run, so the linker and Nix leave it executable; reading every other file
        // of a closure from disk would cost more than the rest of an SBOM.
        return size < 4 || (mode & 0111) == 0 ? null : new Scan(path, size);
    }

    /** A range of the file [start, end) that is loaded at {@code vaddr}. */
    private record Segment(long start, long end, long vaddr) {
    }

    private static final class Scan implements FileScan {
        private final String path;
        private final long size;
        private final byte[] head;
        private int headLen;
        private long offset;
        private boolean done;
        private List<Segment> segments;
        private final List<String> warnings = new ArrayList<>();
        private byte[] blob;
        private int blobLen;
        private long blobAt = -1;

        Scan(String path, long size) {
            this.path = path;
            this.size = size;
            this.head = new byte[(int) Math.min(size, HEAD)];
        }

        @Override
        public boolean wantsMore() {
            return !done;
        }

        @Override
        public void data(byte[] buf, int off, int len) {
            if (done) {
                offset += len;
                return;
            }
            if (segments == null) {
                int n = Math.min(len, head.length - headLen);
                System.arraycopy(buf, off, head, headLen, n);
                headLen += n;
                offset += n;
                if (headLen >= 4 && !ElfHeader.isElf(head, 0, headLen)) {
                    done = true; // not ELF: the common case, decided on the first bytes
                    offset += len - n;
                    return;
                }
                if (headLen < head.length) {
                    return;
                }
                if (!readHeaders()) {
                    done = true;
                    offset += len - n;
                    return;
                }
                scan(head, 0, headLen, 0); // the segments may start within the head
                if (n < len && !done) {
                    scan(buf, off + n, len - n, offset);
                }
                offset += len - n;
                return;
            }
            scan(buf, off, len, offset);
            offset += len;
        }

        /** Looks for the magic, or keeps the build info, in bytes {@code at..at+len} of the file. */
        private void scan(byte[] buf, int off, int len, long at) {
            if (done) {
                return;
            }
            if (blob != null) {
                capture(buf, off, len, at);
            } else {
                search(buf, off, len, at);
            }
        }

        private void search(byte[] buf, int off, int len, long at) {
            long end = at + len;
            boolean ahead = false;
            for (Segment s : segments) {
                if (s.end <= at) {
                    continue;
                }
                ahead = true;
                long from = Math.max(s.start, at);
                // The first position whose address is 16-byte aligned.
                long mis = Math.floorMod(from - s.start + s.vaddr, (long) ALIGN);
                long p = mis == 0 ? from : from + ALIGN - mis;
                long stop = Math.min(s.end, end);
                for (; p < stop; p += ALIGN) {
                    int i = off + (int) (p - at);
                    if (buf[i] != GoBuildInfo.MAGIC[0]) {
                        continue;
                    }
                    int avail = (int) Math.min(GoBuildInfo.MAGIC.length, end - p);
                    if (Arrays.equals(buf, i, i + avail, GoBuildInfo.MAGIC, 0, avail)) {
                        blob = new byte[4096];
                        blobLen = 0;
                        blobAt = p;
                        append(buf, i, (int) (end - p)); // the magic may continue in the next bytes
                        return;
                    }
                }
            }
            if (!ahead) {
                done = true; // past every writable segment without the magic: not a Go binary
            }
        }

        private void capture(byte[] buf, int off, int len, long at) {
            if (blobLen < GoBuildInfo.MAGIC.length) {
                int k = Math.min(GoBuildInfo.MAGIC.length - blobLen, len);
                if (!Arrays.equals(buf, off, off + k, GoBuildInfo.MAGIC, blobLen, blobLen + k)) {
                    // The magic's start at the end of the last bytes was not the magic: search on after it.
                    // (blobAt lies within the last 13 bytes before {@code at}, so {@code next} is in these.)
                    long next = blobAt + ALIGN;
                    blob = null;
                    blobLen = 0;
                    blobAt = -1;
                    if (next < at + len) {
                        search(buf, off + (int) (next - at), len - (int) (next - at), next);
                    }
                    return;
                }
            }
            append(buf, off, len);
        }

        private void append(byte[] buf, int off, int len) {
            int n = (int) Math.min(len, (long) MAX_BLOB - blobLen);
            if (blobLen + n > blob.length) {
                blob = Arrays.copyOf(blob, (int) Math.min(MAX_BLOB, Math.max(blob.length * 2L, blobLen + n)));
            }
            System.arraycopy(buf, off, blob, blobLen, n);
            blobLen += n;
            long need = GoBuildInfo.needed(blob, blobLen);
            if (need > MAX_BLOB || (need < 0 && blobLen >= MAX_BLOB)) {
                warnings.add("/" + path + ": Go build info is larger than " + MAX_BLOB + " bytes (limit); not read");
                blob = null;
                done = true;
            } else if (need >= 0 && blobLen >= need) {
                done = true;
            }
        }

        private boolean readHeaders() {
            ElfHeader elf;
            try {
                elf = ElfHeader.read(head, headLen);
            } catch (ElfHeader.Unreadable e) {
                warnings.add("/" + path + ": " + e.getMessage() + "; not read");
                return false;
            }
            if (elf.programs() == null) {
                warnings.add("/" + path + ": " + elf.problem() + "; not read");
                return false;
            }
            segments = new ArrayList<>();
            for (int i = 0; i < elf.programs().size(); i++) {
                ElfHeader.Program ph = elf.programs().get(i);
                long off = ph.offset();
                long filesz = ph.filesz();
                if (!ph.loaded() || (ph.flags() & ElfHeader.PF_W) == 0 || filesz == 0) {
                    continue;
                }
                if (off < 0 || filesz < 0 || off > size || filesz > size - off) {
                    warnings.add("/" + path + ": ELF program header " + i + " claims bytes " + off + "+" + filesz
                            + " of a " + size + "-byte file; searched up to the file's end");
                    if (off < 0 || off > size) {
                        continue;
                    }
                    filesz = size - off;
                }
                segments.add(new Segment(off, off + filesz, ph.vaddr()));
            }
            segments.sort(java.util.Comparator.comparingLong(Segment::start));
            return !segments.isEmpty();
        }

        @Override
        public Found finish() {
            if (segments == null && !done) {
                // The bytes ended before the head filled up: a file shorter than it said.
                if (!ElfHeader.isElf(head, 0, headLen)) {
                    return Found.NONE;
                }
                if (readHeaders()) {
                    search(head, 0, headLen, 0);
                }
            }
            if (blob == null) {
                return new Found(List.of(), warnings);
            }
            long need = GoBuildInfo.needed(blob, blobLen);
            if (need < 0 || blobLen < need) {
                warnings.add("/" + path + ": Go build info is truncated at the file's end; not read");
                return new Found(List.of(), warnings);
            }
            try {
                GoBuildInfo info = GoBuildInfo.parse(blob, (int) need);
                List<LanguagePackage> out = new ArrayList<>();
                if (info.main() != null) {
                    out.add(withToolchain(info.main().toPackage(true), info));
                }
                for (GoModule d : info.deps()) {
                    out.add(withToolchain(d.toPackage(false), info));
                }
                return new Found(out, warnings);
            } catch (GoBuildInfo.Unreadable e) {
                warnings.add("/" + path + ": " + e.getMessage());
                return new Found(List.of(), warnings);
            }
        }

        private static LanguagePackage withToolchain(LanguagePackage p, GoBuildInfo info) {
            java.util.TreeMap<String, String> props = new java.util.TreeMap<>(p.properties());
            props.put("golang:toolchain", info.goVersion());
            return new LanguagePackage(p.ecosystem(), p.namespace(), p.name(), p.version(), p.recordedHash(), p.main(),
                    p.evidence(), p.container(), props);
        }
    }
}
