package dev.ocisc.sbom;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Package URLs per the purl specification: {@code pkg:type/namespace/name@version?qualifiers}. */
public final class Purl {
    private Purl() {
    }

    /**
     * Builds a purl. Qualifiers are sorted by key and empty values dropped, as the specification's canonical
     * form requires.
     */
    public static String of(String type, String namespace, String name, String version, Map<String, String> qualifiers) {
        StringBuilder b = new StringBuilder("pkg:").append(type).append('/');
        if (namespace != null && !namespace.isEmpty()) {
            for (String seg : namespace.split("/")) {
                b.append(encode(seg)).append('/');
            }
        }
        b.append(encode(name));
        if (version != null && !version.isEmpty()) {
            b.append('@').append(encode(version));
        }
        SortedMap<String, String> q = new TreeMap<>();
        qualifiers.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                q.put(k.toLowerCase(java.util.Locale.ROOT), v);
            }
        });
        char sep = '?';
        for (var e : q.entrySet()) {
            b.append(sep).append(e.getKey()).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        return b.toString();
    }

    /**
     * Percent-encodes everything but RFC 3986 unreserved characters. ':' is encoded too, as the specification's
     * own examples do for digests ({@code pkg:oci/debian@sha256%3A...}) and Debian epochs.
     */
    static String encode(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }
}
