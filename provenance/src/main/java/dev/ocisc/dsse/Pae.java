package dev.ocisc.dsse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * DSSE's pre-authentication encoding, the bytes that are actually signed:
 * {@code "DSSEv1" SP len(type) SP type SP len(body) SP body}. Both lengths count <em>bytes</em> of the UTF-8
 * encoding; counting characters (as sigstore-java does) breaks every payload with non-ASCII text.
 */
public final class Pae {
    private Pae() {
    }

    public static byte[] encode(String payloadType, byte[] payload) {
        byte[] header = header(payloadType, payload.length);
        byte[] pae = java.util.Arrays.copyOf(header, header.length + payload.length);
        System.arraycopy(payload, 0, pae, header.length, payload.length);
        return pae;
    }

    /**
     * Everything before the body: {@code "DSSEv1" SP len(type) SP type SP len(body) SP}. A signer feeds this and
     * then the payload itself, instead of copying a multi-megabyte payload into one PAE array.
     */
    static byte[] header(String payloadType, int payloadLength) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(type.length + 32);
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + payloadLength + " ").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
