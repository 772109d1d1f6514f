package dev.ocisc.gate;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ocisc.json.Json;
import java.io.IOException;
import java.io.OutputStream;

/** {@code https://ocisc.dev/schemas/verify-image/v1}: snake_case keys, every check with all its items. */
final class GateJsonReport implements GateReportWriter {
    public static final String SCHEMA = "https://ocisc.dev/schemas/verify-image/v1";

    @Override
    public void write(GateReport r, OutputStream out) throws IOException {
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA);
            g.writeStringField("verdict", r.verdict());
            // source, form, manifest_digest: the names layers and diff use too; image stays for v1 readers.
            g.writeStringField("source", r.image());
            g.writeStringField("image", r.image());
            g.writeStringField("form", r.form());
            g.writeStringField("manifest_digest", r.manifestDigest());
            g.writeArrayFieldStart("checks");
            for (Check c : r.checks()) {
                g.writeStartObject();
                g.writeStringField("id", c.id());
                g.writeStringField("result", c.passed() ? "pass" : "fail");
                g.writeStringField("summary", c.summary());
                Json.stringArray(g, "items", c.items());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
    }
}
