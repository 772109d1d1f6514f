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
        Set<String> paths = new java.util.HashSet<>(nodes.keySet());
        for (Edge e : edges) {
            if (!paths.contains(e.from()) || !paths.contains(e.to())) {
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
     * Steps a {@link #pathsTo} search may take (edges looked at, plus path elements copied into the answer). A
     * cyclic graph can hold exponentially many partial paths that lead nowhere, so counting only the paths found
     * would let 14 nodes keep a search busy for hours; this many steps take well under a second.
     */
    public static final long PATH_SEARCH_STEPS = 5_000_000;

    /**
     * What {@link #pathsTo} found.
     *
     * @param complete false when the search stopped at its limit of paths or steps: there may be more paths
     */
    public record Paths(List<List<String>> paths, boolean complete) {
        public Paths {
            paths = List.copyOf(paths);
        }
    }

    /**
     * Every simple path from a root to a node that matches, each as a list of store paths starting at the root,
     * depth first in edge order. Answers "why is this in my closure?". Stops after {@code limit} paths or
     * {@link #PATH_SEARCH_STEPS} steps, since a dense graph has exponentially many; a root from which the search
     * found nothing before it stopped still gets one shortest path.
     */
    public Paths pathsTo(Predicate<Node> target, int limit) {
        return pathsTo(target, limit, PATH_SEARCH_STEPS);
    }

    Paths pathsTo(Predicate<Node> target, int limit, long steps) {
        Map<String, List<Edge>> adj = adjacency();
        Set<String> useful = leadingTo(target);
        PathSearch search = new PathSearch(target, adj, useful, limit, steps);
        for (String root : roots) {
            if (useful.contains(root) && !search.run(root)) {
                break;
            }
        }
        if (search.complete) {
            return new Paths(search.found, true);
        }
        // Stopped early: every root that leads to a target still shows one way there.
        List<List<String>> found = new ArrayList<>(search.found);
        for (String root : roots) {
            if (useful.contains(root) && found.size() < limit
                    && found.stream().noneMatch(p -> p.get(0).equals(root))) {
                found.add(shortestPath(root, target, adj));
            }
        }
        return new Paths(found, false);
    }

    /** The nodes from which a matching node can be reached (the matching ones included). */
    private Set<String> leadingTo(Predicate<Node> target) {
        Set<String> leads = new java.util.HashSet<>();
        Map<String, List<String>> reverse = new HashMap<>();
        for (Edge e : edges) {
            reverse.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e.from());
        }
        Deque<String> queue = new ArrayDeque<>();
        for (Node n : nodes.values()) {
            if (target.test(n)) {
                leads.add(n.path());
                queue.add(n.path());
            }
        }
        while (!queue.isEmpty()) {
            for (String from : reverse.getOrDefault(queue.poll(), List.of())) {
                if (leads.add(from)) {
                    queue.add(from);
                }
            }
        }
        return leads;
    }

    /** A shortest path from {@code root} to a matching node, breadth first; one must exist. */
    private List<String> shortestPath(String root, Predicate<Node> target, Map<String, List<Edge>> adj) {
        Map<String, String> parent = new HashMap<>();
        parent.put(root, root);
        Deque<String> queue = new ArrayDeque<>(List.of(root));
        while (!queue.isEmpty()) {
            String cur = queue.poll();
            if (target.test(nodes.get(cur))) {
                List<String> path = new ArrayList<>();
                for (String p = cur; ; p = parent.get(p)) {
                    path.add(p);
                    if (p.equals(root)) {
                        break;
                    }
                }
                Collections.reverse(path);
                return path;
            }
            for (Edge e : adj.getOrDefault(cur, List.of())) {
                if (parent.putIfAbsent(e.to(), cur) == null) {
                    queue.add(e.to());
                }
            }
        }
        throw new IllegalStateException("no path from " + root + " to a target");
    }

    /**
     * The depth-first search of {@link #pathsTo}, on a stack of its own: a chain of references as long as the
     * graph is deep would overflow the thread's stack.
     */
    private final class PathSearch {
        private final Predicate<Node> target;
        private final Map<String, List<Edge>> adj;
        private final Set<String> useful;
        private final int limit;
        private long steps;
        final List<List<String>> found = new ArrayList<>();
        boolean complete = true;

        PathSearch(Predicate<Node> target, Map<String, List<Edge>> adj, Set<String> useful, int limit, long steps) {
            this.target = target;
            this.adj = adj;
            this.useful = useful;
            this.limit = limit;
            this.steps = steps;
        }

        /** Searches from {@code root}; false when a limit stopped it. */
        boolean run(String root) {
            LinkedHashSet<String> onPath = new LinkedHashSet<>();
            Deque<java.util.Iterator<Edge>> stack = new ArrayDeque<>();
            Deque<String> names = new ArrayDeque<>();
            if (!enter(root, onPath, stack, names)) {
                return false;
            }
            while (!stack.isEmpty()) {
                java.util.Iterator<Edge> next = stack.peek();
                if (!next.hasNext()) {
                    stack.pop();
                    onPath.remove(names.pop());
                    continue;
                }
                if (--steps < 0) {
                    complete = false;
                    return false;
                }
                String to = next.next().to();
                if (useful.contains(to) && !onPath.contains(to) && !enter(to, onPath, stack, names)) {
                    return false;
                }
            }
            return true;
        }

        /** Puts {@code node} on the path, recording the path when it matches; false when a limit is reached. */
        private boolean enter(String node, LinkedHashSet<String> onPath, Deque<java.util.Iterator<Edge>> stack,
                Deque<String> names) {
            onPath.add(node);
            stack.push(adj.getOrDefault(node, List.of()).iterator());
            names.push(node);
            if (target.test(nodes.get(node))) {
                steps -= onPath.size();
                if (steps < 0) {
                    complete = false;
                    return false;
                }
                found.add(List.copyOf(onPath));
                if (found.size() >= limit) {
                    complete = false;
                    return false;
                }
            }
            return true;
        }
    }

    /** Distinct store paths of the graph, for comparisons with {@code nix-store -qR}. */
    public Collection<String> paths() {
        return nodes.keySet();
    }
}
