package dev.ocisc.sbom;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Identifiers derived from a document's content instead of chance: the same content always gets the same
 * serial number and namespace, which reproducible SBOMs need.
 */
public final class ContentId {
    private final MessageDigest md;
    // Parts are short (a store path, a purl) and many (five per component of a 10,000-node graph): they are
    // gathered here and hashed in large updates rather than one digest call, and one byte array, per part.
    private final byte[] buf = new byte[1 << 16];
    private int used;

    private ContentId() {
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A UUID (version 8, name-based) from the SHA-256 of the parts, each as text and NUL-separated. */
    public static String uuid(Object... parts) {
        ContentId id = builder();
        for (Object o : parts) {
            id.add(o);
        }
        return id.uuid();
    }

    /** Gathers parts one by one, for the same UUID as {@link #uuid(Object...)} of them all. */
    static ContentId builder() {
        return new ContentId();
    }

    /** Adds one part, as {@code String.valueOf} writes it. */
    ContentId add(Object part) {
        String s = String.valueOf(part);
        if (s.length() * 3 + 1 > buf.length - used) {
            flush();
            if (s.length() * 3 + 1 > buf.length) {
                md.update(s.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                return this;
            }
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[used++] = (byte) c;
            } else {
                // Rare here (names are mostly ASCII): the JDK's encoder, for surrogates and replacement alike.
                int end = i;
                while (end < s.length() && s.charAt(end) >= 0x80) {
                    end++;
                }
                byte[] b = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(b, 0, buf, used, b.length);
                used += b.length;
                i = end - 1;
            }
        }
        buf[used++] = 0;
        return this;
    }

    String uuid() {
        flush();
        byte[] h = md.digest();
        h[6] = (byte) ((h[6] & 0x0f) | 0x80); // version 8: custom, name-based
        h[8] = (byte) ((h[8] & 0x3f) | 0x80); // RFC 4122 variant
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (h[i] & 0xff);
            lo = (lo << 8) | (h[8 + i] & 0xff);
        }
        return new UUID(hi, lo).toString();
    }

    private void flush() {
        md.update(buf, 0, used);
        used = 0;
    }
}
