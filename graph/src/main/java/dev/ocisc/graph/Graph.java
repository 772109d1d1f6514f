package dev.ocisc.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * An immutable graph of store objects, in a stable order (nodes by path, edges by endpoints) so that everything
 * written from it is deterministic.
 *
 * @param roots the target: the nodes the graph was walked from, in the order given
 * @param mode  whether edges are run-time references or build inputs
 */
public record Graph(List<String> roots, SortedMap<String, Node> nodes, List<Edge> edges, Mode mode) {

    /** Which closure a graph describes. */
    public enum Mode { RUNTIME, BUILDTIME }

    public Graph {
        roots = List.copyOf(roots);
        nodes = Collections.unmodifiableSortedMap(new TreeMap<>(nodes));
        List<Edge> sorted = new ArrayList<>(edges);
        sorted.sort(Edge.ORDER);
        edges = List.copyOf(sorted);
        for (String root : roots) {
            if (!nodes.containsKey(root)) {
                throw new IllegalArgumentException("root not in graph: " + root);
            }
        }
        for (Edge e : edges) {
            if (!nodes.containsKey(e.from()) || !nodes.containsKey(e.to())) {
                throw new IllegalArgumentException("dangling edge " + e.from() + " -> " + e.to());
            }
        }
    }

    public Node node(String path) {
        Node n = nodes.get(path);
        if (n == null) {
            throw new IllegalArgumentException("not in graph: " + path);
        }
        return n;
    }

    /** Outgoing edges of every node, each list in edge order. */
    public Map<String, List<Edge>> adjacency() {
        Map<String, List<Edge>> out = new HashMap<>();
        for (Edge e : edges) {
            out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
        }
        return out;
    }

    public List<Edge> dependenciesOf(String path) {
        return adjacency().getOrDefault(path, List.of());
    }

    /**
     * The part of the graph within {@code depth} edges of the roots (shortest distance); a negative depth keeps
     * everything. Edges are kept between the nodes that remain.
     */
    public Graph limitDepth(int depth) {
        if (depth < 0) {
            return this;
        }
        Map<String, List<Edge>> adj = adjacency();
        Map<String, Integer> distance = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        for (String r : roots) {
            if (distance.putIfAbsent(r, 0) == null) {
                queue.add(r);
            }
        }
        while (!queue.isEmpty()) {
            String cur = queue.poll();
            int d = distance.get(cur);
            if (d == depth) {
                continue;
            }
            for (Edge e : adj.getOrDefault(cur, List.of())) {
                if (distance.putIfAbsent(e.to(), d + 1) == null) {
                    queue.add(e.to());
                }
            }
        }
        SortedMap<String, Node> kept = new TreeMap<>();
        for (String p : distance.keySet()) {
            kept.put(p, nodes.get(p));
        }
        List<Edge> keptEdges = edges.stream()
                .filter(e -> kept.containsKey(e.from()) && kept.containsKey(e.to()))
                .toList();
        return new Graph(roots, kept, keptEdges, mode);
    }

    /**
     * Every simple path from a root to a node that matches, each as a list of store paths starting at the root.
     * Answers "why is this in my closure?". Stops after {@code limit} paths, since a dense graph has
     * exponentially many.
     */
    public List<List<String>> pathsTo(Predicate<Node> target, int limit) {
        Map<String, List<Edge>> adj = adjacency();
        // Prune the search to nodes from which a target is reachable at all.
        Set<String> leadsToTarget = new java.util.HashSet<>();
        Map<String, List<String>> reverse = new HashMap<>();
        for (Edge e : edges) {
            reverse.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e.from());
        }
        Deque<String> queue = new ArrayDeque<>();
        for (Node n : nodes.values()) {
            if (target.test(n)) {
                leadsToTarget.add(n.path());
                queue.add(n.path());
            }
        }
        while (!queue.isEmpty()) {
            for (String from : reverse.getOrDefault(queue.poll(), List.of())) {
                if (leadsToTarget.add(from)) {
                    queue.add(from);
                }
            }
        }
        List<List<String>> result = new ArrayList<>();
        for (String root : roots) {
            if (leadsToTarget.contains(root)) {
                walk(root, target, adj, leadsToTarget, new LinkedHashSet<>(), result, limit);
            }
        }
        return result;
    }

    private void walk(String cur, Predicate<Node> target, Map<String, List<Edge>> adj, Set<String> useful,
            LinkedHashSet<String> stack, List<List<String>> result, int limit) {
        if (result.size() >= limit || !stack.add(cur)) {
            return;
        }
        if (target.test(nodes.get(cur))) {
            result.add(List.copyOf(stack));
        }
        for (Edge e : adj.getOrDefault(cur, List.of())) {
            if (useful.contains(e.to())) {
                walk(e.to(), target, adj, useful, stack, result, limit);
            }
        }
        stack.remove(cur);
    }

    /** Distinct store paths of the graph, for comparisons with {@code nix-store -qR}. */
    public Collection<String> paths() {
        return nodes.keySet();
    }
}
