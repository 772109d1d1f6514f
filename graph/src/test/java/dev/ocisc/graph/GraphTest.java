package dev.ocisc.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        assertEquals(List.of(List.of("a", "b", "d", "e"), List.of("a", "c", "d", "e")),
                diamond().pathsTo(n -> n.path().equals("e"), 100));
        assertEquals(1, diamond().pathsTo(n -> n.path().equals("e"), 1).size());
        assertEquals(List.of(), diamond().pathsTo(n -> n.path().equals("zzz"), 100));
    }

    @Test
    void danglingEdgesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Graph(List.of("a"), new TreeMap<>(Map.of("a", node("a"))),
                List.of(Edge.runtime("a", "b")), Graph.Mode.RUNTIME));
    }
}
