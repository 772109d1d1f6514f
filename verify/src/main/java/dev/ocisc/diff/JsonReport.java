package dev.ocisc.diff;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ocisc.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** The machine report; its schema is documented in docs/diff-json.md and only grows. */
public final class JsonReport implements ReportWriter {
    public static final String SCHEMA = "https://ocisc.dev/schemas/diff/v1";

    @Override
    public void write(Drift d, OutputStream out) throws IOException {
        try (JsonGenerator g = Json.generator(out)) {
            writeObject(g, d, true);
            g.flush();
        }
        out.write('\n');
    }

    /** The drift as one JSON object; nested (without "schema") inside the verify reports. */
    public static void writeObject(JsonGenerator g, Drift d, boolean withSchema) throws IOException {
        {
            g.writeStartObject();
            if (withSchema) {
                g.writeStringField("schema", SCHEMA);
            }
            g.writeStringField("verdict", d.verdict());
            side(g, "a", d.a(), d.platforms().isEmpty());
            side(g, "b", d.b(), d.platforms().isEmpty());
            if (!d.platforms().isEmpty()) {
                // Only for two multi-platform indexes compared platform by platform; absent otherwise.
                g.writeArrayFieldStart("platforms");
                for (Drift.PlatformDiff p : d.platforms()) {
                    g.writeStartObject();
                    g.writeStringField("platform", p.platform());
                    g.writeStringField("verdict", p.verdict());
                    g.writeStringField("a", p.manifestA());
                    g.writeStringField("b", p.manifestB());
                    g.writeNumberField("findings", p.findings());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeArrayFieldStart("classes");
            for (Map.Entry<DriftClass, Integer> e : d.classes().entrySet()) {
                g.writeStartObject();
                g.writeStringField("id", e.getKey().id());
                g.writeNumberField("count", e.getValue());
                g.writeStringField("title", e.getKey().title());
                g.writeStringField("cause", e.getKey().cause());
                g.writeStringField("fix", e.getKey().fix());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("ignored");
            for (Map.Entry<DriftClass, Integer> e : d.ignored().entrySet()) {
                g.writeNumberField(e.getKey().id(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("findings");
            for (Finding f : d.findings()) {
                g.writeStartObject();
                g.writeStringField("class", f.drift().id());
                g.writeStringField("path", f.path());
                g.writeStringField("field", f.field());
                g.writeStringField("a", f.a());
                g.writeStringField("b", f.b());
                g.writeStringField("note", f.note());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("contents");
            for (ContentDiff c : d.contents()) {
                g.writeStartObject();
                g.writeStringField("path", c.path());
                g.writeStringField("kind", c.kind());
                g.writeNumberField("size_a", c.sizeA());
                g.writeNumberField("size_b", c.sizeB());
                g.writeNumberField("first_difference", c.firstDifference());
                g.writeStringField("text", c.text());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /**
     * One input. An image also gets the names {@code layers} and {@code verify image} use for the same facts:
     * {@code form} (its kind without the whole-archive compression) and {@code manifest_digest} (when
     * {@code digest} is one: not a docker-archive's config digest, nor an index's when platforms are compared).
     */
    private static void side(JsonGenerator g, String name, Drift.Side s, boolean oneManifest) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("source", s.source());
        g.writeStringField("kind", s.kind());
        Json.optional(g, "digest", s.digest() == null ? null : "sha256:" + s.digest());
        Json.optional(g, "content_digest", s.contentDigest() == null ? null : "sha256:" + s.contentDigest());
        g.writeNumberField("entries", s.entries());
        if (s.image()) {
            String form = s.kind().replaceFirst("\\+.*", "");
            g.writeStringField("form", form);
            if (oneManifest && !form.equals("docker-archive")) {
                Json.optional(g, "manifest_digest", s.digest() == null ? null : "sha256:" + s.digest());
            }
        }
        g.writeEndObject();
    }

}
