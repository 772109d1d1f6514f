package dev.ocisc.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ocisc.graph.Edge;
import dev.ocisc.graph.Graph;
import dev.ocisc.graph.Node;
import dev.ocisc.graph.Usage;
import dev.ocisc.json.Json;
import dev.ocisc.text.ReportText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Show the run-time or build graph of a Nix target as a tree, Graphviz DOT or JSON.")
final class GraphCommand implements Callable<Integer> {
    enum Style { text, dot, json }

    /** --why lists at most this many paths: a dense build graph has exponentially many. */
    static final int WHY_LIMIT = 1000;

    @Mixin
    GraphOptions graph;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), dot or json.")
    Style style;

    @Option(names = "--why", paramLabel = "NAME",
            description = "Print every path from the target to the packages called NAME (or whose store path "
                    + "contains NAME): why is this in my closure?")
    String why;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Graph g = graph.load(Wanted.GRAPH.check("graph", graph.target()), spec.commandLine().getErr());
        if (why != null) {
            return why(g, out);
        }
        switch (style) {
            case text -> tree(g, out);
            case dot -> dot(g, out);
            case json -> out.print(json(g));
        }
        out.flush();
        return ExitCode.OK;
    }

    private int why(Graph g, PrintWriter out) {
        Graph.Paths paths = g.pathsTo(n -> n.name().equals(why) || label(n).equals(why)
                || n.path().equals(why), WHY_LIMIT);
        if (paths.paths().isEmpty()) {
            paths = g.pathsTo(n -> n.baseName().contains(why), WHY_LIMIT);
        }
        if (paths.paths().isEmpty()) {
            spec.commandLine().getErr().println("ocisc: nothing called '" + why + "' in the "
                    + g.mode().name().toLowerCase(Locale.ROOT) + " graph of " + graph.target);
            return ExitCode.FOUND;
        }
        for (List<String> p : paths.paths()) {
            out.println(String.join(" -> ", p.stream().map(s -> shown(g.node(s))).toList()));
        }
        if (!paths.complete()) {
            spec.commandLine().getErr().println("ocisc: stopped after " + paths.paths().size() + " paths"
                    + (paths.paths().size() >= WHY_LIMIT ? "" : " (the search is bounded: the graph holds too many"
                    + " partial paths to try them all)"));
        }
        out.flush();
        return ExitCode.OK;
    }

    /**
     * The label as printed: a derivation's name comes from its environment, which may hold any character, and a
     * control character in it could write to the terminal.
     */
    static String shown(Node n) {
        return ReportText.line(label(n));
    }

    static String label(Node n) {
        String base = n.version().isEmpty() ? n.name() : n.name() + "-" + n.version();
        return n.output() != null && !n.output().equals("out") ? base + " (" + n.output() + ")" : base;
    }

    /** Deeper lines keep this indent and say how much deeper they are: a long chain is not drawn as a wedge. */
    static final int MAX_INDENT = 100;

    /**
     * An indented tree; a subtree already printed is shown once and then referred to. Walked on a stack of its
     * own: a chain of references as long as the graph is deep would overflow the thread's stack.
     */
    private static void tree(Graph g, PrintWriter out) {
        Map<String, List<Edge>> adj = g.adjacency();
        Set<String> printed = new HashSet<>();
        for (String root : g.roots()) {
            out.println(shown(g.node(root)) + "  " + root);
            printed.add(root);
            // Per level, the edges still to print; lastAt.get(d): the branch open at depth d was its parent's last.
            Deque<java.util.Iterator<Edge>> stack = new ArrayDeque<>();
            java.util.BitSet lastAt = new java.util.BitSet();
            stack.push(adj.getOrDefault(root, List.of()).iterator());
            while (!stack.isEmpty()) {
                java.util.Iterator<Edge> level = stack.peek();
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
                out.println(indent(lastAt, depth) + (last ? "└── " : "├── ") + shown(n) + note
                        + (again ? " (see above)" : "  " + n.path()));
                if (!again) {
                    lastAt.set(depth, last);
                    stack.push(adj.getOrDefault(e.to(), List.of()).iterator());
                }
            }
        }
    }

    private static String indent(java.util.BitSet lastAt, int depth) {
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < Math.min(depth, MAX_INDENT); d++) {
            sb.append(lastAt.get(d) ? "    " : "│   ");
        }
        if (depth > MAX_INDENT) {
            sb.append("[+").append(depth - MAX_INDENT).append("] ");
        }
        return sb.toString();
    }

    private static void dot(Graph g, PrintWriter out) {
        out.println("digraph closure {");
        out.println("  rankdir=LR;");
        out.println("  node [shape=box];");
        for (Node n : g.nodes().values()) {
            out.println("  " + quote(n.path()) + " [label=" + quote(shown(n)) + "];");
        }
        for (Edge e : g.edges()) {
            String style = e.usage() == Usage.BUILD_ONLY ? " [style=dashed]" : "";
            out.println("  " + quote(e.from()) + " -> " + quote(e.to()) + style + ";");
        }
        out.println("}");
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The documented JSON form: roots, nodes (sorted by path) and edges (sorted). */
    static String json(Graph g) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (JsonGenerator j = Json.generator(buf)) {
            j.writeStartObject();
            j.writeStringField("mode", g.mode().name().toLowerCase(Locale.ROOT));
            j.writeArrayFieldStart("roots");
            for (String r : g.roots()) {
                j.writeString(r);
            }
            j.writeEndArray();
            j.writeArrayFieldStart("nodes");
            for (Node n : g.nodes().values()) {
                j.writeStartObject();
                j.writeStringField("path", n.path());
                j.writeStringField("name", n.name());
                j.writeStringField("version", n.version());
                j.writeStringField("kind", n.kind().name().toLowerCase(Locale.ROOT));
                Json.optional(j, "output", n.output());
                Json.optional(j, "deriver", n.deriver());
                Json.optional(j, "narSha256", n.narSha256());
                if (n.narSize() >= 0) {
                    j.writeNumberField("narSize", n.narSize());
                }
                j.writeStringField("usage", usage(n.usage()));
                if (n.fixedOutput() != null) {
                    j.writeObjectFieldStart("fixedOutput");
                    j.writeStringField("algorithm", n.fixedOutput().algorithm());
                    j.writeStringField("hash", n.fixedOutput().hashHex());
                    j.writeStringField("mode", n.fixedOutput().mode());
                    j.writeArrayFieldStart("urls");
                    for (String u : n.fixedOutput().urls()) {
                        j.writeString(u);
                    }
                    j.writeEndArray();
                    j.writeEndObject();
                }
                j.writeEndObject();
            }
            j.writeEndArray();
            j.writeArrayFieldStart("edges");
            for (Edge e : g.edges()) {
                j.writeStartObject();
                j.writeStringField("from", e.from());
                j.writeStringField("to", e.to());
                j.writeStringField("kind", e.kind().name().toLowerCase(Locale.ROOT));
                if (!e.outputs().isEmpty()) {
                    j.writeArrayFieldStart("outputs");
                    for (String o : e.outputs()) {
                        j.writeString(o);
                    }
                    j.writeEndArray();
                }
                j.writeStringField("usage", usage(e.usage()));
                j.writeEndObject();
            }
            j.writeEndArray();
            j.writeEndObject();
            j.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static String usage(Usage u) {
        return u.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
