package dev.ocisc.graph.report;

import dev.ocisc.graph.Node;
import dev.ocisc.text.ReportText;

/** How a node is named in a graph's reports: {@code name-version}, and its output when it is not {@code out}. */
public final class NodeLabel {
    private NodeLabel() {
    }

    /** The label as it is: what {@code --why NAME} matches. */
    public static String of(Node n) {
        String base = n.version().isEmpty() ? n.name() : n.name() + "-" + n.version();
        return n.output() != null && !n.output().equals("out") ? base + " (" + n.output() + ")" : base;
    }

    /**
     * The label as printed: a derivation's name comes from its environment, which may hold any character, and a
     * control character in it could write to the terminal.
     */
    public static String shown(Node n) {
        return ReportText.line(of(n));
    }
}
