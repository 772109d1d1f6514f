package dev.ocisc.slsa;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ocisc.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Writes a statement as JSON, in a fixed field order with sorted maps, so that equal statements are equal
 * bytes. Pretty (two spaces, LF, final newline, as ocisc's other documents) for reading; compact for a signed
 * payload, where size matters and nobody reads it unparsed.
 */
public final class StatementJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private StatementJson() {
    }

    public static byte[] write(Statement s, boolean pretty) {
        // About 300 bytes per dependency compact, 500 pretty: sized once instead of doubling its way up.
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                4096 + (pretty ? 512 : 320) * s.predicate().resolvedDependencies().size());
        try (JsonGenerator g = pretty ? Json.generator(out) : FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            write(g, s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (pretty) {
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, Statement s) throws IOException {
        g.writeStartObject();
        g.writeStringField("_type", Statement.TYPE);
        g.writeArrayFieldStart("subject");
        for (Subject sub : s.subjects()) {
            g.writeStartObject();
            g.writeStringField("name", sub.name());
            stringMap(g, "digest", sub.digest());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("predicateType", Provenance.PREDICATE_TYPE);
        Provenance p = s.predicate();
        g.writeObjectFieldStart("predicate");
        g.writeObjectFieldStart("buildDefinition");
        g.writeStringField("buildType", p.buildType());
        stringMap(g, "externalParameters", p.externalParameters());
        stringMap(g, "internalParameters", p.internalParameters());
        g.writeArrayFieldStart("resolvedDependencies");
        for (ResourceDescriptor r : p.resolvedDependencies()) {
            descriptor(g, r);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("runDetails");
        g.writeObjectFieldStart("builder");
        g.writeStringField("id", p.builderId());
        if (!p.builderVersion().isEmpty()) {
            stringMap(g, "version", p.builderVersion());
        }
        g.writeEndObject();
        if (p.invocationId() != null || p.startedOn() != null || p.finishedOn() != null) {
            g.writeObjectFieldStart("metadata");
            optional(g, "invocationId", p.invocationId());
            optional(g, "startedOn", time(p.startedOn()));
            optional(g, "finishedOn", time(p.finishedOn()));
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void descriptor(JsonGenerator g, ResourceDescriptor r) throws IOException {
        g.writeStartObject();
        optional(g, "uri", r.uri());
        if (!r.digest().isEmpty()) {
            stringMap(g, "digest", r.digest());
        }
        optional(g, "name", r.name());
        optional(g, "downloadLocation", r.downloadLocation());
        if (!r.annotations().isEmpty()) {
            g.writeObjectFieldStart("annotations");
            for (Map.Entry<String, Object> a : r.annotations().entrySet()) {
                if (a.getValue() instanceof List<?> list) {
                    g.writeArrayFieldStart(a.getKey());
                    for (Object o : list) {
                        g.writeString(String.valueOf(o));
                    }
                    g.writeEndArray();
                } else {
                    g.writeStringField(a.getKey(), (String) a.getValue());
                }
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void stringMap(JsonGenerator g, String name, Map<String, String> m) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : m.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void optional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            g.writeStringField(name, value);
        }
    }

    /** RFC 3339 in UTC with a {@code Z}, whole seconds unless the instant has a fraction. */
    private static String time(Instant t) {
        return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t);
    }
}
