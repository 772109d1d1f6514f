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
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(type.length + payload.length + 32);
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        return out.toByteArray();
    }
}
