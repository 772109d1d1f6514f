package dev.ocisc.graph.report;

import dev.ocisc.graph.Edge;
import dev.ocisc.graph.Graph;
import dev.ocisc.graph.Node;
import dev.ocisc.graph.Usage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** The graph in Graphviz DOT: one box per store object, build-only edges dashed. */
public final class GraphDotWriter implements GraphWriter {
    @Override
    public void write(Graph g, OutputStream stream) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        out.write("digraph closure {\n");
        out.write("  rankdir=LR;\n");
        out.write("  node [shape=box];\n");
        for (Node n : g.nodes().values()) {
            out.write("  " + quote(n.path()) + " [label=" + quote(NodeLabel.shown(n)) + "];\n");
        }
        for (Edge e : g.edges()) {
            String style = e.usage() == Usage.BUILD_ONLY ? " [style=dashed]" : "";
            out.write("  " + quote(e.from()) + " -> " + quote(e.to()) + style + ";\n");
        }
        out.write("}\n");
        out.flush();
    }

    /** A DOT ID in double quotes, where only a backslash and a double quote need escaping. */
    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
