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
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The graph as an indented tree from each root; a subtree already printed is shown once and then referred to.
 * Labels go through {@link NodeLabel#shown}.
 */
public final class GraphTreeWriter implements GraphWriter {
    /** Deeper lines keep this indent and say how much deeper they are: a long chain is not drawn as a wedge. */
    public static final int MAX_INDENT = 100;

    /**
     * Walked on a stack of its own: a chain of references as long as the graph is deep would overflow the thread's
     * stack.
     */
    @Override
    public void write(Graph g, OutputStream stream) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        Map<String, List<Edge>> adj = g.adjacency();
        Set<String> printed = new HashSet<>();
        for (String root : g.roots()) {
            out.write(NodeLabel.shown(g.node(root)) + "  " + root + "\n");
            printed.add(root);
            // Per level, the edges still to print; lastAt.get(d): the branch open at depth d was its parent's last.
            Deque<Iterator<Edge>> stack = new ArrayDeque<>();
            BitSet lastAt = new BitSet();
            stack.push(adj.getOrDefault(root, List.of()).iterator());
            while (!stack.isEmpty()) {
                Iterator<Edge> level = stack.peek();
                if (!level.hasNext()) {
                    stack.pop();
                    continue;
                }
                int depth = stack.size() - 1;
                Edge e = level.next();
                boolean last = !level.hasNext();
                Node n = g.node(e.to());
                boolean again = !printed.add(e.to());
                String note = e.usage() == Usage.BUILD_ONLY ? " [build-only]" : "";
                out.write(indent(lastAt, depth) + (last ? "└── " : "├── ") + NodeLabel.shown(n) + note
                        + (again ? " (see above)" : "  " + n.path()) + "\n");
                if (!again) {
                    lastAt.set(depth, last);
                    stack.push(adj.getOrDefault(e.to(), List.of()).iterator());
                }
            }
        }
        out.flush();
    }

    private static String indent(BitSet lastAt, int depth) {
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < Math.min(depth, MAX_INDENT); d++) {
            sb.append(lastAt.get(d) ? "    " : "│   ");
        }
        if (depth > MAX_INDENT) {
            sb.append("[+").append(depth - MAX_INDENT).append("] ");
        }
        return sb.toString();
    }
}
