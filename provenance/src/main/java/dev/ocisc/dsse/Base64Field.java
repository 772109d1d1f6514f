package dev.ocisc.dsse;

import java.util.Base64;

/**
 * DSSE's base64 fields: written in standard base64 with padding, read in either alphabet (the spec allows
 * URL-safe), padded or not.
 */
final class Base64Field {
    private Base64Field() {
    }

    static String encode(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    /** The same encoding for Jackson's {@code writeBinary}, which streams a payload into the output. */
    static final com.fasterxml.jackson.core.Base64Variant VARIANT =
            com.fasterxml.jackson.core.Base64Variants.MIME_NO_LINEFEEDS;

    static byte[] decode(String s) {
        // The two alphabets differ only in '+' '/' versus '-' '_', so mapping one onto the other reads both.
        return Base64.getDecoder().decode(s.replace('-', '+').replace('_', '/'));
    }
}
