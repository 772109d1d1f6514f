package dev.ocisc.diff;

import java.util.Map;
import java.util.TreeMap;

/**
 * The compression around a tar or file, with the header fields that change its bytes without changing what it
 * decompresses to (gzip MTIME, FNAME, XFL, OS; zstd frame parameters).
 *
 * @param format {@code none}, {@code gzip} or {@code zstd}
 * @param fields decoded header fields, sorted by name; empty for {@code none}
 */
public record Compression(String format, Map<String, String> fields) {
    public static final Compression NONE = new Compression("none", Map.of());

    public Compression {
        fields = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(fields));
    }
}
