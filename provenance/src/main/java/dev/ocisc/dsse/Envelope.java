package dev.ocisc.dsse;

import java.util.List;

/** A DSSE envelope: the payload bytes, what they are, and the signatures over their PAE. */
public record Envelope(String payloadType, byte[] payload, List<Signature> signatures) {
    /** The payload type of in-toto statements. */
    public static final String IN_TOTO = "application/vnd.in-toto+json";

    public Envelope {
        payload = payload.clone();
        signatures = List.copyOf(signatures);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload itself, not a copy, for this package's writers and signer: they only read it. */
    byte[] payloadView() {
        return payload;
    }

    /** The bytes each signature covers. */
    public byte[] pae() {
        return Pae.encode(payloadType, payload);
    }
}
