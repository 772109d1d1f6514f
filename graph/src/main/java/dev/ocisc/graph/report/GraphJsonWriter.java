package dev.ocisc.graph.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ocisc.graph.Edge;
import dev.ocisc.graph.Graph;
import dev.ocisc.graph.Node;
import dev.ocisc.graph.Usage;
import dev.ocisc.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * The documented JSON form of a graph: mode, roots, nodes (sorted by path) and edges (sorted). Names keep their
 * exact text: JSON escapes what a terminal must not see.
 */
public final class GraphJsonWriter implements GraphWriter {
    @Override
    public void write(Graph g, OutputStream out) throws IOException {
        try (JsonGenerator j = Json.generator(out)) {
            j.writeStartObject();
            j.writeStringField("mode", g.mode().name().toLowerCase(Locale.ROOT));
            Json.stringArray(j, "roots", g.roots());
            j.writeArrayFieldStart("nodes");
            for (Node n : g.nodes().values()) {
                node(j, n);
            }
            j.writeEndArray();
            j.writeArrayFieldStart("edges");
            for (Edge e : g.edges()) {
                edge(j, e);
            }
            j.writeEndArray();
            j.writeEndObject();
            j.writeRaw('\n');
        }
    }

    private static void node(JsonGenerator j, Node n) throws IOException {
        j.writeStartObject();
        j.writeStringField("path", n.path());
        j.writeStringField("name", n.name());
        j.writeStringField("version", n.version());
        j.writeStringField("kind", n.kind().name().toLowerCase(Locale.ROOT));
        Json.optional(j, "output", n.output());
        Json.optional(j, "deriver", n.deriver());
        Json.optional(j, "nar_sha256", n.narSha256());
        if (n.narSize() >= 0) {
            j.writeNumberField("nar_size", n.narSize());
        }
        j.writeStringField("usage", usage(n.usage()));
        if (n.fixedOutput() != null) {
            j.writeObjectFieldStart("fixed_output");
            j.writeStringField("algorithm", n.fixedOutput().algorithm());
            j.writeStringField("hash", n.fixedOutput().hashHex());
            j.writeStringField("mode", n.fixedOutput().mode());
            Json.stringArray(j, "urls", n.fixedOutput().urls());
            j.writeEndObject();
        }
        j.writeEndObject();
    }

    private static void edge(JsonGenerator j, Edge e) throws IOException {
        j.writeStartObject();
        j.writeStringField("from", e.from());
        j.writeStringField("to", e.to());
        j.writeStringField("kind", e.kind().name().toLowerCase(Locale.ROOT));
        if (!e.outputs().isEmpty()) {
            Json.stringArray(j, "outputs", e.outputs());
        }
        j.writeStringField("usage", usage(e.usage()));
        j.writeEndObject();
    }

    private static String usage(Usage u) {
        return u.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
