package dev.ocisc.rebuild;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ocisc.diff.DriftClass;
import dev.ocisc.diff.JsonReport;
import dev.ocisc.json.Json;
import dev.ocisc.rebuild.Rebuild.Comparison;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Set;

/** The machine report of a rebuild ({@code verify-rebuild/v1}): verdict, each run's digest and drift, causes. */
public final class RebuildJsonReport implements RebuildReport {
    @Override
    public void write(Rebuild.Result r, boolean bisected, OutputStream out) throws IOException {
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            g.writeStringField("schema", "https://ocisc.dev/schemas/verify-rebuild/v1");
            g.writeStringField("verdict", r.reproducible() ? "reproducible" : "not-reproducible");
            g.writeStringField("control_digest", r.controlDigest());
            g.writeArrayFieldStart("runs");
            for (Comparison c : r.comparisons()) {
                g.writeStartObject();
                g.writeStringField("varied", c.setting().label());
                g.writeStringField("digest", c.digest());
                g.writeFieldName("drift");
                JsonReport.writeObject(g, c.drift(), false);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("causes");
            for (Map.Entry<String, Set<DriftClass>> e : r.causes().entrySet()) {
                Json.stringArray(g, e.getKey(), e.getValue().stream().map(DriftClass::id).toList());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("not_applied");
            for (Map.Entry<Variation, String> e : r.notApplied().entrySet()) {
                g.writeStringField(e.getKey().id(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        out.write('\n');
    }
}
