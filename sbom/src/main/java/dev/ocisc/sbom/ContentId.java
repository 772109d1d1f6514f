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
    private ContentId() {
    }

    /** A UUID (version 8, name-based) from the SHA-256 of the parts, each as text and NUL-separated. */
    public static String uuid(Object... parts) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Object o : parts) {
            md.update(String.valueOf(o).getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
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
}
