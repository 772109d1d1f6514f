package dev.ocisc.dsse;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A Sigstore bundle v0.3 holding one DSSE envelope signed with a plain key: {@code verificationMaterial} names
 * the key by {@code publicKey.hint} (= the signature's keyid) and has no transparency-log entries, since
 * offline keyed signing logs nothing. Verifiers with many keys look the key up by the hint.
 *
 * @param hint the {@code publicKey.hint}
 */
public record SigstoreBundle(String hint, Envelope envelope) {
    public static final String MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";

    /** Wraps a signed envelope; Sigstore bundles carry exactly one signature. */
    public static SigstoreBundle of(Envelope env) {
        if (env.signatures().size() != 1 || env.signatures().get(0).keyid().isEmpty()) {
            throw new IllegalArgumentException("a Sigstore bundle holds exactly one signature with a keyid");
        }
        return new SigstoreBundle(env.signatures().get(0).keyid(), env);
    }

    public byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(envelope.payloadView().length * 4 / 3 + 2048);
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The bundle in ocisc's one JSON style ({@link Json}), final newline, written to {@code out}, left open. */
    public void writeTo(OutputStream out) throws IOException {
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            g.writeStringField("mediaType", MEDIA_TYPE);
            g.writeObjectFieldStart("verificationMaterial");
            g.writeObjectFieldStart("publicKey");
            g.writeStringField("hint", hint);
            g.writeEndObject();
            g.writeArrayFieldStart("tlogEntries");
            g.writeEndArray();
            g.writeEndObject();
            g.writeFieldName("dsseEnvelope");
            EnvelopeJson.write(g, envelope);
            g.writeEndObject();
        }
        out.write('\n');
    }

    public static boolean looksLike(JsonNode n) {
        return n.isObject() && n.has("mediaType") && n.has("dsseEnvelope");
    }

    /**
     * Reads a bundle, checking its shape. The hint, like a DSSE keyid, is not signed: a verifier holding the key
     * tries it on the signature whatever the hint says (ours is always the signature's keyid, see {@link #of}).
     *
     * @throws IllegalArgumentException when it is not a v0.3 bundle with a public key and a DSSE envelope
     */
    public static SigstoreBundle read(JsonNode n) {
        String mediaType = n.path("mediaType").asText("");
        if (!mediaType.equals(MEDIA_TYPE)) {
            throw new IllegalArgumentException("bundle mediaType '" + mediaType + "', expected " + MEDIA_TYPE);
        }
        JsonNode hint = n.path("verificationMaterial").path("publicKey").path("hint");
        if (!hint.isTextual()) {
            throw new IllegalArgumentException("bundle has no verificationMaterial.publicKey.hint "
                    + "(certificate bundles are not supported)");
        }
        Envelope env = EnvelopeJson.read(n.get("dsseEnvelope"));
        if (env.signatures().size() != 1) {
            throw new IllegalArgumentException("a bundle's DSSE envelope must hold exactly one signature, it has "
                    + env.signatures().size());
        }
        return new SigstoreBundle(hint.asText(), env);
    }
}
