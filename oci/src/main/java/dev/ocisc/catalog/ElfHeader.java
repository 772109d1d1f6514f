package dev.ocisc.catalog;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The ELF file header and program headers of a binary, read from its first bytes: what the catalogers that read
 * binaries as they stream past (Go build info, cargo-auditable's section) need to know where to look. Every offset
 * and size is the file's claim, not checked against the file here.
 *
 * @param is64      ELFCLASS64 rather than ELFCLASS32
 * @param order     the file's byte order
 * @param shoff     where the section header table starts; 0 when there is none
 * @param shentsize the size of one section header
 * @param shnum     how many section headers there are
 * @param shstrndx  which section holds the section names
 * @param programs  the program headers; null when they do not lie within the bytes read (see {@link #problem})
 * @param problem   why the program headers were not read, or null
 */
record ElfHeader(boolean is64, ByteOrder order, long shoff, int shentsize, int shnum, int shstrndx,
        List<Program> programs, String problem) {
    static final int PT_LOAD = 1;
    static final int PF_W = 2;
    /** The ELF header's size in a 64-bit file; a 32-bit one's (52) is smaller. */
    static final int MIN_HEAD = 64;

    /** One program header. */
    record Program(int type, long flags, long offset, long vaddr, long filesz) {
        boolean loaded() {
            return type == PT_LOAD;
        }
    }

    /** A header that cannot be read as ELF, and why (the reason is a warning's text). */
    static final class Unreadable extends Exception {
        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Whether the bytes start with ELF's magic; fewer than four bytes are not ELF. */
    static boolean isElf(byte[] b, int off, int len) {
        return len >= 4 && b[off] == 0x7f && b[off + 1] == 'E' && b[off + 2] == 'L' && b[off + 3] == 'F';
    }

    /** Reads the headers from the first {@code len} bytes of a file that starts with ELF's magic. */
    static ElfHeader read(byte[] head, int len) throws Unreadable {
        if (len < MIN_HEAD) {
            throw new Unreadable("ELF file ends after " + len + " bytes, inside its header");
        }
        int cls = head[4];
        int data = head[5];
        if ((cls != 1 && cls != 2) || (data != 1 && data != 2)) {
            throw new Unreadable("ELF header has class " + cls + " and data encoding " + data);
        }
        boolean is64 = cls == 2;
        ByteOrder order = data == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        ByteBuffer b = ByteBuffer.wrap(head, 0, len).order(order);
        long phoff = is64 ? b.getLong(0x20) : Integer.toUnsignedLong(b.getInt(0x1c));
        long shoff = is64 ? b.getLong(0x28) : Integer.toUnsignedLong(b.getInt(0x20));
        int phentsize = Short.toUnsignedInt(b.getShort(is64 ? 0x36 : 0x2a));
        int phnum = Short.toUnsignedInt(b.getShort(is64 ? 0x38 : 0x2c));
        int shentsize = Short.toUnsignedInt(b.getShort(is64 ? 0x3a : 0x2e));
        int shnum = Short.toUnsignedInt(b.getShort(is64 ? 0x3c : 0x30));
        int shstrndx = Short.toUnsignedInt(b.getShort(is64 ? 0x3e : 0x32));
        if (phnum > 0 && (phentsize < (is64 ? 56 : 32) || phoff < 0 || phoff + (long) phnum * phentsize > len)) {
            return new ElfHeader(is64, order, shoff, shentsize, shnum, shstrndx, null, "ELF program headers ("
                    + phnum + " of " + phentsize + " bytes at " + phoff + ") lie outside the file's first " + len
                    + " bytes");
        }
        List<Program> programs = new ArrayList<>(phnum);
        for (int i = 0; i < phnum; i++) {
            int p = (int) phoff + i * phentsize;
            int type = b.getInt(p);
            if (is64) {
                programs.add(new Program(type, Integer.toUnsignedLong(b.getInt(p + 4)), b.getLong(p + 8),
                        b.getLong(p + 16), b.getLong(p + 32)));
            } else {
                programs.add(new Program(type, Integer.toUnsignedLong(b.getInt(p + 24)),
                        Integer.toUnsignedLong(b.getInt(p + 4)), Integer.toUnsignedLong(b.getInt(p + 8)),
                        Integer.toUnsignedLong(b.getInt(p + 16))));
            }
        }
        return new ElfHeader(is64, order, shoff, shentsize, shnum, shstrndx, List.copyOf(programs), null);
    }

    /** The size of one section header this file's class needs. */
    int sectionHeaderSize() {
        return is64 ? 64 : 40;
    }

    /** {name offset, file offset, size} of the section header at {@code at} of the section table. */
    long[] section(ByteBuffer table, int at) {
        long name = Integer.toUnsignedLong(table.getInt(at));
        long off = is64 ? table.getLong(at + 24) : Integer.toUnsignedLong(table.getInt(at + 16));
        long sz = is64 ? table.getLong(at + 32) : Integer.toUnsignedLong(table.getInt(at + 20));
        return new long[] {name, off, sz};
    }
}
