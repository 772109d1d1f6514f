package dev.ocisc.oci;

import dev.ocisc.text.Noun;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The compression around a blob or file, with the header fields that change its bytes without changing what it
 * decompresses to: gzip MTIME and FNAME (gzip without -n), XFL (level 9 or 1), OS (3 Unix, 255 Go, 0 FAT); zstd
 * window size, content-size and checksum flags. {@link Compression} says how to decompress; this says how two
 * compressions of the same content differ.
 *
 * @param compression what {@link Compression#sniff} says the bytes are
 * @param fields      decoded header fields, sorted by name; empty for NONE
 */
public record CompressionHeader(Compression compression, Map<String, String> fields) {
    /** Bytes of a stream's head that {@link #read} looks at. */
    public static final int HEAD_BYTES = 4096;
    public static final CompressionHeader NONE = new CompressionHeader(Compression.NONE, Map.of());

    public CompressionHeader {
        fields = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(fields));
    }

    /** The probe's verdict on the first bytes of a stream, with the header fields of a gzip member or zstd frame. */
    public static CompressionHeader read(byte[] head, int n) {
        return switch (Compression.sniff(head, n)) {
            case GZIP -> new CompressionHeader(Compression.GZIP, gzip(head, n));
            case ZSTD -> new CompressionHeader(Compression.ZSTD, zstd(head, n));
            case NONE -> NONE;
        };
    }

    /** {@code none}, {@code gzip} or {@code zstd}, as reports name it. */
    public String format() {
        return compression.name().toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> gzip(byte[] h, int n) {
        Map<String, String> f = new LinkedHashMap<>();
        if (n < 10) {
            f.put("header", "truncated");
            return f;
        }
        int flg = h[3] & 0xff;
        long mtime = (h[4] & 0xffL) | (h[5] & 0xffL) << 8 | (h[6] & 0xffL) << 16 | (h[7] & 0xffL) << 24;
        int xfl = h[8] & 0xff;
        int os = h[9] & 0xff;
        f.put("MTIME", Long.toString(mtime));
        f.put("XFL", xfl + switch (xfl) {
            case 2 -> " (max compression, level 9)";
            case 4 -> " (fastest, level 1)";
            default -> " (default levels)";
        });
        f.put("OS", os + switch (os) {
            case 0 -> " (FAT)";
            case 3 -> " (Unix)";
            case 7 -> " (Macintosh)";
            case 11 -> " (NTFS)";
            case 255 -> " (unknown, e.g. Go compress/gzip)";
            default -> "";
        });
        int p = 10;
        if ((flg & 4) != 0 && p + 2 <= n) {
            int xlen = (h[p] & 0xff) | (h[p + 1] & 0xff) << 8;
            f.put("FEXTRA", Noun.of("byte").count(xlen));
            p += 2 + xlen;
        }
        f.put("FNAME", (flg & 8) != 0 ? "\"" + zeroTerminated(h, p, n) + "\"" : "absent");
        if ((flg & 8) != 0) {
            p += zeroTerminated(h, p, n).length() + 1;
        }
        if ((flg & 16) != 0) {
            f.put("FCOMMENT", "\"" + zeroTerminated(h, p, n) + "\"");
        }
        if ((flg & 2) != 0) {
            f.put("FHCRC", "present");
        }
        return f;
    }

    private static String zeroTerminated(byte[] h, int p, int n) {
        int e = p;
        while (e < n && h[e] != 0) {
            e++;
        }
        return new String(h, p, Math.max(0, e - p), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static Map<String, String> zstd(byte[] h, int n) {
        Map<String, String> f = new LinkedHashMap<>();
        if (n < 6) {
            f.put("header", "truncated");
            return f;
        }
        int fhd = h[4] & 0xff;
        int fcsFlag = fhd >>> 6;
        boolean single = (fhd & 0x20) != 0;
        boolean checksum = (fhd & 0x04) != 0;
        int dictFlag = fhd & 0x03;
        int p = 5;
        f.put("single_segment", single ? "yes" : "no");
        f.put("checksum", checksum ? "yes" : "no");
        if (!single) {
            int wd = h[p++] & 0xff;
            long base = 1L << (10 + (wd >>> 3));
            f.put("window_size", Long.toString(base + (base / 8) * (wd & 7)));
        }
        int dictBytes = new int[] {0, 1, 2, 4}[dictFlag];
        long dict = 0;
        for (int i = 0; i < dictBytes && p + i < n; i++) {
            dict |= (h[p + i] & 0xffL) << (8 * i);
        }
        p += dictBytes;
        f.put("dictionary_id", Long.toString(dict));
        int fcsBytes = fcsFlag == 0 ? (single ? 1 : 0) : new int[] {0, 2, 4, 8}[fcsFlag];
        if (fcsBytes == 0) {
            f.put("content_size", "absent");
        } else {
            long fcs = 0;
            for (int i = 0; i < fcsBytes && p + i < n; i++) {
                fcs |= (h[p + i] & 0xffL) << (8 * i);
            }
            f.put("content_size", Long.toString(fcsBytes == 2 ? fcs + 256 : fcs));
        }
        return f;
    }
}
