package dev.ocisc.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes tar headers byte by byte, so that tests can make what no tar library would write: bad checksums, negative
 * sizes, sparse headers, names that climb out, records of any size.
 */
public final class RawTar {
    public static final int BLOCK = 512;

    private RawTar() {
    }

    /** One 512-byte header; fields are set as written, the checksum last. */
    public static final class Header {
        private final byte[] b = new byte[BLOCK];
        private boolean badChecksum;

        /** A ustar header: mode 0644, owner 0, mtime 0, size 0. */
        public Header(String name, char typeflag) {
            text(0, 100, name);
            octal(100, 8, typeflag == '5' ? 0755 : 0644);
            octal(108, 8, 0);
            octal(116, 8, 0);
            octal(124, 12, 0);
            octal(136, 12, 0);
            b[156] = (byte) typeflag;
            text(257, 6, "ustar\0");
            text(263, 2, "00");
        }

        public Header size(long size) {
            return octal(124, 12, size);
        }

        /** The size in GNU's base-256 form, which can say what octal cannot: a negative number. */
        public Header size256(long size) {
            for (int i = 0; i < 12; i++) {
                b[124 + 11 - i] = (byte) (i < 8 ? size >> (8 * i) : size >> 63);
            }
            b[124] = (byte) (size < 0 ? 0xff : 0x80);
            return this;
        }

        public Header link(String target) {
            return text(157, 100, target);
        }

        /** Old GNU magic ({@code "ustar  \0"}), as GNU tar writes long names and sparse files. */
        public Header oldGnu() {
            return text(257, 8, "ustar  \0");
        }

        public Header octal(int off, int len, long value) {
            String s = Long.toOctalString(value);
            return text(off, len, "0".repeat(Math.max(0, len - 1 - s.length())) + s + "\0");
        }

        public Header text(int off, int len, String value) {
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(v, 0, b, off, Math.min(len, v.length));
            return this;
        }

        public Header badChecksum() {
            badChecksum = true;
            return this;
        }

        public byte[] bytes() {
            byte[] out = b.clone();
            long sum = 0;
            for (int i = 0; i < BLOCK; i++) {
                sum += (i >= 148 && i < 156) ? ' ' : (out[i] & 0xff);
            }
            String s = Long.toOctalString(badChecksum ? sum + 1 : sum);
            byte[] field = ("0".repeat(6 - s.length()) + s + "\0 ").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(field, 0, out, 148, 8);
            return out;
        }
    }

    /** A regular file: header, content, padding. */
    public static byte[] file(String name, byte[] content) {
        return concat(new Header(name, '0').size(content.length).bytes(), content, padding(content.length));
    }

    public static byte[] file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] dir(String name) {
        return new Header(name.endsWith("/") ? name : name + "/", '5').bytes();
    }

    public static byte[] symlink(String name, String target) {
        return new Header(name, '2').link(target).bytes();
    }

    public static byte[] hardLink(String name, String target) {
        return new Header(name, '1').link(target).bytes();
    }

    /** A PAX extended header ({@code x}) holding {@code records}, for the entry that follows. */
    public static byte[] pax(Map<String, String> records) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Map.Entry<String, String> r : records.entrySet()) {
            String kv = " " + r.getKey() + "=" + r.getValue() + "\n";
            int len = kv.length();
            while (Integer.toString(len).length() + kv.length() != len) {
                len = Integer.toString(len).length() + kv.length();
            }
            data.writeBytes((len + kv).getBytes(StandardCharsets.UTF_8));
        }
        byte[] d = data.toByteArray();
        return concat(new Header("PaxHeaders/x", 'x').size(d.length).bytes(), d, padding(d.length));
    }

    /** The zero bytes that pad {@code size} bytes of content to a whole block. */
    public static byte[] padding(long size) {
        return new byte[(int) ((BLOCK - size % BLOCK) % BLOCK)];
    }

    /** The end-of-archive marker: two zero blocks. */
    public static byte[] end() {
        return new byte[2 * BLOCK];
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
