package dev.ocisc.dsse;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The JSON form of a DSSE envelope: {@code {"payload", "payloadType", "signatures":[{"keyid","sig"}]}}. */
public final class EnvelopeJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private EnvelopeJson() {
    }

    /** One line, no newline: what a line of an {@code .intoto.jsonl} file holds. */
    public static byte[] write(Envelope env) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(env.payloadView().length * 4 / 3 + 1024);
        try {
            write(env, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The same line written to {@code out}, which stays open: a multi-megabyte envelope is never held whole. */
    public static void write(Envelope env, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            write(g, env);
        }
    }

    static void write(JsonGenerator g, Envelope env) throws IOException {
        g.writeStartObject();
        // Encoded by the generator straight into its output buffer: a multi-megabyte payload gets no base64
        // copy and no String. Base64Field.VARIANT is the standard alphabet with padding and no line breaks.
        g.writeFieldName("payload");
        byte[] payload = env.payloadView();
        g.writeBinary(Base64Field.VARIANT, payload, 0, payload.length);
        g.writeStringField("payloadType", env.payloadType());
        g.writeArrayFieldStart("signatures");
        for (Signature s : env.signatures()) {
            g.writeStartObject();
            if (!s.keyid().isEmpty()) {
                g.writeStringField("keyid", s.keyid());
            }
            g.writeStringField("sig", Base64Field.encode(s.sig()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * Reads an envelope object.
     *
     * @throws IllegalArgumentException with a one-line reason when it is not a well-formed envelope
     */
    public static Envelope read(JsonNode n) {
        if (!n.isObject() || !(n.has("payloadType") || n.has("payload") || n.has("signatures"))) {
            // Some other JSON document: say what was expected rather than which field is missing.
            throw new IllegalArgumentException("not a DSSE envelope or Sigstore bundle (no payloadType, payload or "
                    + "signatures)");
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException("a DSSE envelope must be a JSON object");
        }
        String payloadType = text(n, "payloadType");
        byte[] payload = bytes(n, "payload");
        JsonNode sigs = n.get("signatures");
        if (sigs == null || !sigs.isArray()) {
            throw new IllegalArgumentException("envelope has no 'signatures' array");
        }
        List<Signature> list = new ArrayList<>();
        for (JsonNode s : sigs) {
            if (!s.isObject()) {
                throw new IllegalArgumentException("a signature must be a JSON object");
            }
            JsonNode keyid = s.get("keyid");
            if (keyid != null && !keyid.isNull() && !keyid.isTextual()) {
                throw new IllegalArgumentException("signature 'keyid' must be a string");
            }
            list.add(new Signature(keyid == null || keyid.isNull() ? "" : keyid.asText(), bytes(s, "sig")));
        }
        return new Envelope(payloadType, payload, list);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("envelope has no string '" + field + "'");
        }
        return v.asText();
    }

    private static byte[] bytes(JsonNode n, String field) {
        String s = text(n, field);
        try {
            return Base64Field.decode(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + field + "' is not base64: " + e.getMessage());
        }
    }
}
