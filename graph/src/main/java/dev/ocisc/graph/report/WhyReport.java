package dev.ocisc.graph.report;

import dev.ocisc.graph.Graph;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code graph --why NAME}: every path from the roots to what is called NAME, one line each. */
public final class WhyReport {
    /** At most this many paths: a dense build graph has exponentially many. */
    public static final int LIMIT = 1000;

    private WhyReport() {
    }

    /**
     * The paths to the nodes whose name, label or store path is {@code name}; failing that, to those whose store
     * path's base name contains it.
     */
    public static Graph.Paths find(Graph g, String name) {
        Graph.Paths paths = g.pathsTo(n -> n.name().equals(name) || NodeLabel.of(n).equals(name)
                || n.path().equals(name), LIMIT);
        return paths.paths().isEmpty() ? g.pathsTo(n -> n.baseName().contains(name), LIMIT) : paths;
    }

    /** One line per path, its nodes' labels joined by {@code " -> "}. */
    public static void write(Graph g, Graph.Paths paths, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (List<String> p : paths.paths()) {
            sb.append(String.join(" -> ", p.stream().map(s -> NodeLabel.shown(g.node(s))).toList())).append('\n');
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
