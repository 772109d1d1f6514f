package dev.ocisc.graph.report;

import dev.ocisc.graph.Graph;
import java.io.IOException;
import java.io.OutputStream;

/** Writes a {@link Graph} in one format. Output is a function of the graph alone: same graph, same bytes. */
public interface GraphWriter {
    void write(Graph graph, OutputStream out) throws IOException;

    static GraphWriter forFormat(GraphFormat format) {
        return switch (format) {
            case TEXT -> new GraphTreeWriter();
            case DOT -> new GraphDotWriter();
            case JSON -> new GraphJsonWriter();
        };
    }
}
