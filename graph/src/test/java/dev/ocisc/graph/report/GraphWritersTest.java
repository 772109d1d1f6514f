package dev.ocisc.graph.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.graph.Edge;
import dev.ocisc.graph.EdgeKind;
import dev.ocisc.graph.FixedOutput;
import dev.ocisc.graph.Graph;
import dev.ocisc.graph.Node;
import dev.ocisc.graph.NodeKind;
import dev.ocisc.graph.Usage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The graph's writers on small graphs made by hand. */
class GraphWritersTest {
    static final String APP = "/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-app-1.0";
    static final String LIB = "/nix/store/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-libgreet-2.1";
    static final String DEV = "/nix/store/cccccccccccccccccccccccccccccccc-libgreet-2.1-dev";
    static final String SRC = "/nix/store/dddddddddddddddddddddddddddddddd-src.tar.gz";

    static Node node(String path, String name, String version, String output) {
        return new Node(path, name, version, NodeKind.OUTPUT, output, null, null, -1, null, Usage.RUNTIME);
    }

    /** app -> libgreet, app -> libgreet (dev, build-only) -> libgreet, app -> a fixed-output source. */
    static Graph graph() {
        TreeMap<String, Node> nodes = new TreeMap<>();
        nodes.put(APP, node(APP, "app", "1.0", "out"));
        nodes.put(LIB, node(LIB, "libgreet", "2.1", "out"));
        nodes.put(DEV, node(DEV, "libgreet", "2.1", "dev"));
        nodes.put(SRC, new Node(SRC, "src.tar.gz", "", NodeKind.OUTPUT, "out", null, "ab".repeat(32), 42,
                new FixedOutput("sha256", "cd".repeat(32), false, List.of("https://example.org/src.tar.gz")),
                Usage.BUILD_ONLY));
        List<Edge> edges = List.of(Edge.runtime(APP, LIB),
                new Edge(APP, DEV, EdgeKind.BUILD, List.of("dev"), Usage.BUILD_ONLY),
                new Edge(APP, SRC, EdgeKind.BUILD, List.of(), Usage.BUILD_ONLY),
                Edge.runtime(DEV, LIB));
        return new Graph(List.of(APP), nodes, edges, Graph.Mode.BUILDTIME);
    }

    static String write(GraphFormat format, Graph g) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        GraphWriter.forFormat(format).write(g, buf);
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void formatsAreNamedAsTheCommandLineNamesThem() {
        assertEquals(List.of("text", "dot", "json"), List.of(GraphFormat.values()).stream().map(Object::toString)
                .toList());
        assertInstanceOf(GraphTreeWriter.class, GraphWriter.forFormat(GraphFormat.TEXT));
        assertInstanceOf(GraphDotWriter.class, GraphWriter.forFormat(GraphFormat.DOT));
        assertInstanceOf(GraphJsonWriter.class, GraphWriter.forFormat(GraphFormat.JSON));
    }

    @Test
    void treeShowsASubtreeOnceAndMarksBuildOnlyEdges() throws IOException {
        assertEquals("app-1.0  " + APP + "\n"
                + "├── libgreet-2.1  " + LIB + "\n"
                + "├── libgreet-2.1 (dev) [build-only]  " + DEV + "\n"
                + "│   └── libgreet-2.1 (see above)\n"
                + "└── src.tar.gz [build-only]  " + SRC + "\n", write(GraphFormat.TEXT, graph()));
    }

    @Test
    void aDeepChainKeepsItsIndentAndSaysHowDeep() throws IOException {
        TreeMap<String, Node> nodes = new TreeMap<>();
        List<Edge> edges = new ArrayList<>();
        int n = GraphTreeWriter.MAX_INDENT + 5;
        for (int i = 0; i <= n; i++) {
            nodes.put("/p" + i, node("/p" + i, "n" + i, "", "out"));
            if (i > 0) {
                edges.add(Edge.runtime("/p" + (i - 1), "/p" + i));
            }
        }
        List<String> lines = write(GraphFormat.TEXT, new Graph(List.of("/p0"), nodes, edges, Graph.Mode.RUNTIME))
                .lines().toList();
        assertEquals(" ".repeat(4 * GraphTreeWriter.MAX_INDENT) + "[+4] └── n" + n + "  /p" + n, lines.get(n));
    }

    @Test
    void controlCharactersInANameAreEscapedInTextAndDotButKeptInJson() throws IOException {
        String bad = "/nix/store/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee-evil";
        TreeMap<String, Node> nodes = new TreeMap<>();
        nodes.put(bad, node(bad, "evil\u001b[31m\nx", "", "out"));
        Graph g = new Graph(List.of(bad), nodes, List.of(), Graph.Mode.RUNTIME);
        assertEquals("evil\\x1b[31m\\nx  " + bad + "\n", write(GraphFormat.TEXT, g));
        assertTrue(write(GraphFormat.DOT, g).contains("[label=\"evil\\\\x1b[31m\\\\nx\"];"), write(GraphFormat.DOT, g));
        assertEquals("evil\u001b[31m\nx",
                new ObjectMapper().readTree(write(GraphFormat.JSON, g)).get("nodes").get(0).get("name").asText());
    }

    @Test
    void dotQuotesAndDashesBuildOnlyEdges() throws IOException {
        String dot = write(GraphFormat.DOT, graph());
        assertTrue(dot.startsWith("digraph closure {\n  rankdir=LR;\n  node [shape=box];\n"), dot);
        assertTrue(dot.contains("  \"" + DEV + "\" [label=\"libgreet-2.1 (dev)\"];\n"), dot);
        assertTrue(dot.contains("  \"" + APP + "\" -> \"" + DEV + "\" [style=dashed];\n"), dot);
        assertTrue(dot.contains("  \"" + APP + "\" -> \"" + LIB + "\";\n"), dot);
        assertTrue(dot.endsWith("}\n"), dot);
        assertEquals("\"a\\\\b\\\"c\"", GraphDotWriter.quote("a\\b\"c"));
    }

    @Test
    void jsonHasTheDocumentedFields() throws IOException {
        String json = write(GraphFormat.JSON, graph());
        assertTrue(json.endsWith("}\n") && !json.endsWith("\n\n"), json);
        JsonNode n = new ObjectMapper().readTree(json);
        assertEquals("buildtime", n.get("mode").asText());
        assertEquals(APP, n.get("roots").get(0).asText());
        assertEquals(4, n.get("nodes").size());
        JsonNode src = n.get("nodes").get(3);
        assertEquals(SRC, src.get("path").asText());
        assertEquals(42, src.get("nar_size").asLong());
        assertEquals("build-only", src.get("usage").asText());
        assertEquals("sha256", src.get("fixed_output").get("algorithm").asText());
        assertEquals("flat", src.get("fixed_output").get("mode").asText());
        JsonNode dev = n.get("edges").get(1);
        assertEquals("build", dev.get("kind").asText());
        assertEquals("dev", dev.get("outputs").get(0).asText());
        assertTrue(!n.get("edges").get(0).has("outputs"));
        assertEquals("runtime", n.get("edges").get(0).get("usage").asText());
    }

    @Test
    void whyFindsByNameLabelOrPathThenByPartOfThePath() throws IOException {
        Graph g = graph();
        // the dev output is called libgreet too
        assertEquals(List.of(List.of(APP, LIB), List.of(APP, DEV), List.of(APP, DEV, LIB)),
                WhyReport.find(g, "libgreet").paths());
        assertEquals(List.of(List.of(APP, DEV)), WhyReport.find(g, "libgreet-2.1 (dev)").paths());
        assertEquals(List.of(List.of(APP, SRC)), WhyReport.find(g, "src.tar").paths());
        assertEquals(List.of(), WhyReport.find(g, "nothere").paths());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        WhyReport.write(g, WhyReport.find(g, "libgreet"), buf);
        assertEquals("app-1.0 -> libgreet-2.1\napp-1.0 -> libgreet-2.1 (dev)\n"
                + "app-1.0 -> libgreet-2.1 (dev) -> libgreet-2.1\n",
                buf.toString(StandardCharsets.UTF_8));
    }
}
