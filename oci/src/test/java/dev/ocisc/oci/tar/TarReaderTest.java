package dev.ocisc.oci.tar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.EntryType;
import dev.ocisc.oci.Limits;
import dev.ocisc.oci.TarEnd;
import dev.ocisc.oci.TarHeader;
import dev.ocisc.testing.RawTar;
import dev.ocisc.testing.Tools;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one tar reader: what it refuses, and that it never hands on a byte it did not read. */
class TarReaderTest {
    private static final Limits LIMITS = Limits.defaults();

    private static List<TarHeader> read(byte[] tar) throws IOException {
        TarReader r = new TarReader(new ByteArrayInputStream(tar), "t.tar", LIMITS, TarReader.Kind.LAYER);
        List<TarHeader> out = new ArrayList<>();
        TarHeader h;
        while ((h = r.next()) != null) {
            out.add(h);
        }
        return out;
    }

    private static String refused(byte[] tar) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(tar));
        assertTrue(e.getMessage().startsWith("t.tar: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    /** {@code n} bytes of 'a', made as they are read: a record of any size costs the test no memory. */
    private static InputStream as(long n) {
        return new InputStream() {
            long left = n;

            @Override
            public int read() {
                return left-- > 0 ? 'a' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int k = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + k, (byte) 'a');
                left -= k;
                return k;
            }
        };
    }

    @Test
    void aGnuLongNameAboveTheCapIsRefusedBeforeItIsRead() {
        long size = 1L << 30;
        byte[] header = new RawTar.Header("././@LongLink", 'L').oldGnu().size(size).bytes();
        long[] consumed = {0};
        InputStream in = new SequenceInputStream(new ByteArrayInputStream(header), as(size)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                consumed[0] += Math.max(0, n);
                return n;
            }
        };
        TarReader r = new TarReader(in, "t.tar", LIMITS, TarReader.Kind.LAYER);
        InvalidInputException e = assertThrows(InvalidInputException.class, r::next);
        assertTrue(e.getMessage().contains("GNU long name of 1073741824 bytes"), e.getMessage());
        assertEquals(512, consumed[0]);
    }

    @Test
    void headerRecordsAreCappedTogetherNotOneByOne() {
        String big = "x".repeat(600 * 1024);
        byte[] tar = RawTar.concat(RawTar.pax(Map.of("comment", big)), RawTar.pax(Map.of("SCHILY.xattr.a", big)),
                RawTar.file("a", "a"), RawTar.end());
        assertTrue(refused(tar).contains("limit 1048576 bytes of header records"));
    }

    @Test
    void sparseEntriesAreRefusedWhateverTheirForm() {
        RawTar.Header oldGnu = new RawTar.Header("zeros", 'S').oldGnu().size(12);
        oldGnu.octal(386, 12, 077777777763L).octal(398, 12, 12).octal(483, 12, 077777777777L);
        assertTrue(refused(RawTar.concat(oldGnu.bytes(), "twelve bytes".getBytes(StandardCharsets.US_ASCII)))
                .contains("sparse entry 'zeros'"));
        byte[] pax = RawTar.concat(RawTar.pax(Map.of("GNU.sparse.major", "1", "GNU.sparse.minor", "0",
                "GNU.sparse.realsize", "8589934591")), RawTar.file("zeros", "0"), RawTar.end());
        assertTrue(refused(pax).contains("sparse entry"));
    }

    @Test
    void negativeSizesAreRefused() {
        assertTrue(refused(RawTar.concat(new RawTar.Header("a", '0').size256(-512).bytes(), RawTar.end()))
                .contains("negative size"));
        assertTrue(refused(RawTar.concat(RawTar.pax(Map.of("size", "-1")), RawTar.file("a", "a"), RawTar.end()))
                .contains("negative size in the PAX header of 'a'"));
    }

    @Test
    void largeSizesInBase256AreRead() throws IOException {
        byte[] content = "hello".getBytes(StandardCharsets.US_ASCII);
        byte[] tar = RawTar.concat(new RawTar.Header("a", '0').size256(content.length).bytes(), content,
                RawTar.padding(content.length), RawTar.end());
        assertEquals(5, read(tar).get(0).size());
    }

    @Test
    void checksumsMustMatchSignedOrUnsigned() throws IOException {
        assertTrue(refused(RawTar.concat(new RawTar.Header("a", '0').badChecksum().bytes(), RawTar.end()))
                .contains("header checksum mismatch at offset 0"));
        // Old tars summed the header as signed bytes; a name with bytes above 0x7f tells the two sums apart.
        byte[] h = new RawTar.Header("caf\u00e9", '0').bytes();
        long signed = 0;
        for (int i = 0; i < 512; i++) {
            signed += (i >= 148 && i < 156) ? ' ' : h[i];
        }
        String field = String.format("%06o\0 ", signed);
        System.arraycopy(field.getBytes(StandardCharsets.US_ASCII), 0, h, 148, 8);
        assertEquals("caf\u00e9", read(RawTar.concat(h, RawTar.end())).get(0).path());
    }

    @Test
    void namesAndHardLinksStayInsideAndLayersHoldAPathOnce() {
        assertTrue(refused(RawTar.concat(RawTar.file("a/../../b", "x"), RawTar.end())).contains("escapes the root"));
        assertTrue(refused(RawTar.concat(RawTar.hardLink("a", "/../etc/passwd"), RawTar.end()))
                .contains("escapes the root"));
        assertTrue(refused(RawTar.concat(RawTar.hardLink("a", "b"), RawTar.file("b", "x"), RawTar.end()))
                .contains("does not name an earlier file"));
        assertTrue(refused(RawTar.concat(RawTar.file("a", "1"), RawTar.file("./a", "2"), RawTar.end()))
                .contains("duplicate tar entry 'a'"));
    }

    @Test
    void otherTarsMayRepeatAPath() throws IOException {
        byte[] tar = RawTar.concat(RawTar.file("a", "1"), RawTar.file("./a", "2"), RawTar.end());
        TarReader r = new TarReader(new ByteArrayInputStream(tar), "t.tar", LIMITS, TarReader.Kind.TAR);
        assertEquals("a", r.next().path());
        assertEquals("a", r.next().path());
        assertNull(r.next());
    }

    @Test
    void contentIsWhatTheHeaderSaysAndNoMore() throws IOException {
        byte[] tar = RawTar.concat(RawTar.file("a", "hello"), RawTar.symlink("l", "a"), RawTar.end(), new byte[512]);
        TarReader r = new TarReader(new ByteArrayInputStream(tar), "t.tar", LIMITS, TarReader.Kind.LAYER);
        TarHeader a = r.next();
        assertEquals(5, a.size());
        assertEquals("hello", new String(r.content().readAllBytes(), StandardCharsets.US_ASCII));
        TarHeader l = r.next();
        assertEquals(EntryType.SYMLINK, l.type());
        assertEquals("a", l.linkTarget());
        assertEquals(-1, r.read(new byte[10], 0, 10));
        assertNull(r.next());
        TarEnd end = r.end();
        assertEquals(2, end.endMarker());
        assertEquals(1536, end.trailingBytes());
        assertEquals(tar.length, end.totalBytes());
    }

    @Test
    void aTruncatedEntryIsAnErrorButAMissingEndIsNot() throws IOException {
        byte[] whole = RawTar.file("a", "hello");
        // umoci 0.4.7 stops right after the last entry's data: no padding, no end marker.
        List<TarHeader> h = read(java.util.Arrays.copyOf(whole, 512 + 5));
        assertEquals(List.of("a"), h.stream().map(TarHeader::path).toList());
        assertTrue(refused(java.util.Arrays.copyOf(whole, 512 + 3)).contains("truncated: 'a'"));
    }

    /** GNU tar's FIFO and character device, and a block device, are told apart (diff reports such a change). */
    @Test
    void devicesAndFifosAreToldApart(@TempDir Path tmp) throws IOException {
        Tools.require("tar");
        Tools.require("mkfifo");
        Tools.check(tmp, "mkfifo", "pipe");
        Tools.check(tmp, "tar", "--format=gnu", "-cf", "t.tar", "pipe", "-C", "/", "dev/null");
        byte[] tar = java.nio.file.Files.readAllBytes(tmp.resolve("t.tar"));
        List<TarHeader> h = read(tar);
        assertEquals(List.of("pipe", "dev/null"), h.stream().map(TarHeader::path).toList());
        assertEquals(EntryType.FIFO, h.get(0).type());
        assertEquals(EntryType.CHAR_DEVICE, h.get(1).type());
        assertEquals(1, h.get(1).devMajor());
        assertEquals(3, h.get(1).devMinor());
        assertEquals(EntryType.BLOCK_DEVICE, read(RawTar.concat(new RawTar.Header("sda", '4').bytes(),
                RawTar.end())).get(0).type());
        assertEquals("char-device", EntryType.CHAR_DEVICE.label());
    }
}
