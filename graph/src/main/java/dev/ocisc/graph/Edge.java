package dev.ocisc.graph;

import java.util.Comparator;
import java.util.List;

/**
 * A dependency: {@code from} needs {@code to}.
 *
 * @param outputs for a BUILD edge to a derivation, the outputs of {@code to} that {@code from} uses; else empty
 * @param usage   RUNTIME for a store reference; for a BUILD edge whether {@code from}'s outputs reference the
 *                input (RUNTIME), do not (BUILD_ONLY), or cannot be checked (UNKNOWN)
 */
public record Edge(String from, String to, EdgeKind kind, List<String> outputs, Usage usage) {
    /** By {@code from}, then {@code to}, then kind; one method rather than a chain of key extractors, for speed. */
    public static final Comparator<Edge> ORDER = (a, b) -> {
        int c = a.from.compareTo(b.from);
        if (c == 0) {
            c = a.to.compareTo(b.to);
        }
        return c != 0 ? c : a.kind.compareTo(b.kind);
    };

    public Edge {
        outputs = List.copyOf(outputs);
    }

    public static Edge runtime(String from, String to) {
        return new Edge(from, to, EdgeKind.RUNTIME, List.of(), Usage.RUNTIME);
    }

    public boolean buildOnly() {
        return usage == Usage.BUILD_ONLY;
    }
}
