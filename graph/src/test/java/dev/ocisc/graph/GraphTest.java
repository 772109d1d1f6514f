package dev.ocisc.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GraphTest {
    static Node node(String p) {
        return new Node(p, p, "", NodeKind.OUTPUT, "out", null, null, -1, null, Usage.RUNTIME);
    }

    /** a -> b -> d, a -> c -> d, d -> e */
    static Graph diamond() {
        TreeMap<String, Node> nodes = new TreeMap<>();
        for (String p : List.of("a", "b", "c", "d", "e")) {
            nodes.put(p, node(p));
        }
        return new Graph(List.of("a"), nodes, List.of(Edge.runtime("a", "b"), Edge.runtime("a", "c"),
                Edge.runtime("b", "d"), Edge.runtime("c", "d"), Edge.runtime("d", "e")), Graph.Mode.RUNTIME);
    }

    @Test
    void depthKeepsNodesWithinNEdges() {
        assertEquals(List.of("a"), List.copyOf(diamond().limitDepth(0).paths()));
        assertEquals(List.of("a", "b", "c"), List.copyOf(diamond().limitDepth(1).paths()));
        assertEquals(2, diamond().limitDepth(1).edges().size());
        assertEquals(5, diamond().limitDepth(-1).paths().size());
    }

    @Test
    void whyListsEverySimplePath() {
        Graph.Paths all = diamond().pathsTo(n -> n.path().equals("e"), 100);
        assertEquals(List.of(List.of("a", "b", "d", "e"), List.of("a", "c", "d", "e")), all.paths());
        assertTrue(all.complete());
        Graph.Paths one = diamond().pathsTo(n -> n.path().equals("e"), 1);
        assertEquals(1, one.paths().size());
        assertFalse(one.complete());
        assertEquals(List.of(), diamond().pathsTo(n -> n.path().equals("zzz"), 100).paths());
    }

    /**
     * 14 nodes: the root r reaches the target t directly, and also a 12-node clique whose nodes all lead back to
     * r. Every clique node "leads to t" (through r), yet no simple path through the clique reaches t: a search
     * bounded only by paths found walks all 12! orderings of the clique. Bounded by steps, it stops quickly, and
     * says that it stopped.
     */
    @Test
    void whySearchIsBoundedByWorkOnACycle() {
        TreeMap<String, Node> nodes = new TreeMap<>();
        List<Edge> edges = new ArrayList<>();
        nodes.put("r", node("r"));
        nodes.put("t", node("t"));
        edges.add(Edge.runtime("r", "t"));
        for (int i = 0; i < 12; i++) {
            String c = "c" + (char) ('a' + i);
            nodes.put(c, node(c));
            edges.add(Edge.runtime("r", c));
            edges.add(Edge.runtime(c, "r"));
            for (int j = 0; j < 12; j++) {
                if (i != j) {
                    edges.add(Edge.runtime(c, "c" + (char) ('a' + j)));
                }
            }
        }
        Graph g = new Graph(List.of("r"), nodes, edges, Graph.Mode.RUNTIME);
        Graph.Paths p = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> g.pathsTo(n -> n.path().equals("t"), 1000));
        assertEquals(List.of(List.of("r", "t")), p.paths());
        assertFalse(p.complete());
    }

    /** A search that runs out of steps before it finds anything still shows a shortest path from the root. */
    @Test
    void whyShowsAShortestPathWhenTheStepsRunOutFirst() {
        Graph.Paths p = diamond().pathsTo(n -> n.path().equals("e"), 100, 2);
        assertEquals(List.of(List.of("a", "b", "d", "e")), p.paths());
        assertFalse(p.complete());
    }

    /** A chain far longer than the thread's stack is deep is searched without recursion. */
    @Test
    void whyFollowsAChainOfTwentyThousandReferences() {
        TreeMap<String, Node> nodes = new TreeMap<>();
        List<Edge> edges = new ArrayList<>();
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            nodes.put(String.format("n%05d", i), node(String.format("n%05d", i)));
            if (i > 0) {
                edges.add(Edge.runtime(String.format("n%05d", i - 1), String.format("n%05d", i)));
            }
        }
        Graph g = new Graph(List.of("n00000"), nodes, edges, Graph.Mode.RUNTIME);
        Graph.Paths p = g.pathsTo(x -> x.path().equals("n19999"), 10);
        assertEquals(1, p.paths().size());
        assertEquals(n, p.paths().get(0).size());
        assertTrue(p.complete());
    }

    @Test
    void danglingEdgesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Graph(List.of("a"), new TreeMap<>(Map.of("a", node("a"))),
                List.of(Edge.runtime("a", "b")), Graph.Mode.RUNTIME));
    }
}
