package dev.ocisc.rebuild;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ocisc.diff.Drift;
import dev.ocisc.diff.JsonReport;
import dev.ocisc.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** The machine report of {@code verify nix} ({@code verify-nix/v1}): per derivation its status and drifts. */
public final class NixCheckJsonReport implements NixCheckReport {
    @Override
    public void write(List<NixCheck.Outcome> outcomes, OutputStream out) throws IOException {
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            g.writeStringField("schema", "https://ocisc.dev/schemas/verify-nix/v1");
            g.writeArrayFieldStart("derivations");
            for (NixCheck.Outcome o : outcomes) {
                g.writeStartObject();
                g.writeStringField("derivation", o.derivation());
                g.writeStringField("status", NixCheckReport.label(o.status()).replace(' ', '-'));
                Json.optional(g, "reason", o.reason());
                g.writeArrayFieldStart("drifts");
                for (Drift d : o.drifts()) {
                    JsonReport.writeObject(g, d, false);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
    }
}
