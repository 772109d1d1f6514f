package dev.ocisc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.testing.Tools;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ELF headers both binary catalogers read, checked against binutils' {@code readelf} on real binaries. */
class ElfHeaderTest {
    @TempDir
    Path dir;

    private static ElfHeader read(Path binary) throws Exception {
        byte[] head = new byte[GoBinaryCataloger.HEAD];
        int n;
        try (InputStream in = Files.newInputStream(binary)) {
            n = in.readNBytes(head, 0, head.length);
        }
        assertTrue(ElfHeader.isElf(head, 0, n), binary + " is ELF");
        return ElfHeader.read(head, n);
    }

    /** What readelf says: the header's fields and the LOAD segments (offset, address, file size, writable). */
    private static void assertAsReadelfSays(Path binary, boolean is64, ByteOrder order) throws Exception {
        Tools.require("readelf");
        ElfHeader elf = read(binary);
        String h = Tools.check(null, "readelf", "-h", "-l", "-W", binary.toString());
        assertEquals(is64, elf.is64());
        assertEquals(order, elf.order());
        assertTrue(h.contains(is64 ? "ELF64" : "ELF32"), h);
        assertEquals(number(h, "Start of section headers:\\s+(\\d+)"), elf.shoff());
        assertEquals(number(h, "Size of section headers:\\s+(\\d+)"), elf.shentsize());
        assertEquals(number(h, "Number of section headers:\\s+(\\d+)"), elf.shnum());
        assertEquals(number(h, "Section header string table index:\\s+(\\d+)"), elf.shstrndx());
        assertNotNull(elf.programs(), elf.problem());
        assertEquals(number(h, "Number of program headers:\\s+(\\d+)"), elf.programs().size());
        List<String> loads = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s+LOAD\\s+0x(\\p{XDigit}+)\\s+0x(\\p{XDigit}+)\\s+0x\\p{XDigit}+\\s+"
                + "0x(\\p{XDigit}+)\\s+0x\\p{XDigit}+\\s+(.{3})").matcher(h);
        while (m.find()) {
            loads.add(Long.parseLong(m.group(1), 16) + "@" + Long.parseLong(m.group(2), 16) + "+"
                    + Long.parseLong(m.group(3), 16) + (m.group(4).contains("W") ? " W" : ""));
        }
        List<String> ours = elf.programs().stream().filter(ElfHeader.Program::loaded)
                .map(p -> p.offset() + "@" + p.vaddr() + "+" + p.filesz()
                        + ((p.flags() & ElfHeader.PF_W) != 0 ? " W" : "")).toList();
        assertFalse(loads.isEmpty(), h);
        assertEquals(loads, ours);
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in " + text);
        return Long.parseLong(m.group(1));
    }

    @Test
    void aSystemBinary() throws Exception {
        assertAsReadelfSays(Path.of("/usr/bin/env"), true, ByteOrder.LITTLE_ENDIAN);
    }

    /** 32-bit and big-endian: a Go program cross-compiled for MIPS, whose header differs from amd64's in both. */
    @Test
    void aBigEndian32BitBinary() throws Exception {
        Tools.require("go");
        Files.writeString(dir.resolve("main.go"), "package main\n\nimport \"os\"\n\nfunc main() { os.Exit(0) }\n");
        ProcessBuilder pb = new ProcessBuilder("go", "build", "-o", "prog", "main.go").directory(dir.toFile());
        pb.environment().putAll(java.util.Map.of("HOME", dir.toString(), "GOCACHE", dir.resolve("cache").toString(),
                "GOPATH", dir.resolve("gopath").toString(), "GO111MODULE", "off", "GOTOOLCHAIN", "local",
                "CGO_ENABLED", "0", "GOOS", "linux", "GOARCH", "mips"));
        Tools.Result r = Tools.run(pb);
        assertEquals(0, r.exitCode(), r.stderr());
        assertAsReadelfSays(dir.resolve("prog"), false, ByteOrder.BIG_ENDIAN);
    }

    @Test
    void aHeaderCutShortOrOfAnUnknownClassIsUnreadable() {
        byte[] head = new byte[64];
        head[0] = 0x7f;
        head[1] = 'E';
        head[2] = 'L';
        head[3] = 'F';
        head[4] = 2;
        head[5] = 1;
        assertTrue(assertThrows(ElfHeader.Unreadable.class, () -> ElfHeader.read(head, 40)).getMessage()
                .contains("ends after 40 bytes"));
        head[4] = 3;
        assertTrue(assertThrows(ElfHeader.Unreadable.class, () -> ElfHeader.read(head, 64)).getMessage()
                .contains("class 3"));
    }

    @Test
    void programHeadersBeyondTheBytesReadAreAProblemNotAnError() throws Exception {
        byte[] head = new byte[64];
        head[0] = 0x7f;
        head[1] = 'E';
        head[2] = 'L';
        head[3] = 'F';
        head[4] = 2;
        head[5] = 1;
        head[0x20] = 64; // phoff
        head[0x36] = 56; // phentsize
        head[0x38] = 3; // phnum: 3 headers past the 64 bytes read
        ElfHeader elf = ElfHeader.read(head, 64);
        assertEquals(null, elf.programs());
        assertTrue(elf.problem().contains("lie outside the file's first 64 bytes"), elf.problem());
    }
}
