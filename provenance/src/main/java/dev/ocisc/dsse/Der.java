package dev.ocisc.dsse;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Just enough ASN.1 DER to find and add the public key in a PKCS#8 file: split an element into the elements it
 * holds, and write one. Structure only, on bytes the caller has bounded: definite lengths that stay inside the
 * element, single-byte tags; anything else is malformed.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int SEQUENCE = 0x30;
    /** {@code [1]} constructed, explicit: the ECPrivateKey's publicKey field. */
    static final int CONTEXT_1 = 0xa1;

    /** One element of {@code der}: its tag, where it starts, where its value starts and where it ends. */
    record Element(byte[] der, int tag, int start, int valueStart, int end) {
        /** The element itself, tag and length included. */
        byte[] encoded() {
            return Arrays.copyOfRange(der, start, end);
        }

        /** The elements this one's value holds, in order. */
        List<Element> children() {
            return Der.elements(der, valueStart, end);
        }
    }

    private Der() {
    }

    /** The one element that {@code der} must be, with nothing after it. */
    static Element parse(byte[] der) {
        List<Element> list = elements(der, 0, der.length);
        if (list.size() != 1) {
            throw new IllegalArgumentException("not one DER element");
        }
        return list.get(0);
    }

    /** The elements one after the other in {@code der[from, to)}. */
    static List<Element> elements(byte[] der, int from, int to) {
        List<Element> list = new ArrayList<>();
        int pos = from;
        while (pos < to) {
            Element e = element(der, pos, to);
            list.add(e);
            pos = e.end();
        }
        return list;
    }

    private static Element element(byte[] der, int start, int limit) {
        if (limit - start < 2) {
            throw new IllegalArgumentException("truncated DER");
        }
        int tag = der[start] & 0xff;
        if ((tag & 0x1f) == 0x1f) {
            throw new IllegalArgumentException("multi-byte DER tag");
        }
        int first = der[start + 1] & 0xff;
        int pos = start + 2;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            // Long form; 0x80 alone is BER's indefinite length, not DER. Key files need at most 3 length bytes.
            int n = first & 0x7f;
            if (n == 0 || n > 3 || limit - pos < n) {
                throw new IllegalArgumentException("bad DER length");
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = length << 8 | der[pos++] & 0xff;
            }
        }
        if (length > limit - pos) {
            throw new IllegalArgumentException("DER element longer than what holds it");
        }
        return new Element(der, tag, start, pos, pos + (int) length);
    }

    /** Writes an element: {@code tag}, the definite length, then {@code parts} one after the other. */
    static byte[] encode(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            int n = length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
            out.write(0x80 | n);
            for (int i = n - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
