package dev.ocisc.sbom.report;

import dev.ocisc.sbom.SbomDocument;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The dependency graph of an SBOM laid out ahead of time for a page that shows it as an outline: components in one
 * stable order (by name, version, ref), each one's direct dependencies in that order, the roots the outline starts
 * from, and for every component the shortest path to it from a root (its {@code parent}), which the page follows to
 * reveal a search hit. A browser cannot lay out ten thousand nodes at load; this sorts and walks nodes and edges once,
 * iteratively: a cycle or a deep chain in a hostile document costs no more than any other edge.
 *
 * <p>{@code order}: the components, in the outline's order, which every index points into; {@code children}: each
 * one's direct dependencies, distinct, in order, itself never among them; {@code roots}: where the outline starts,
 * the components the document describes, then those nothing depends on, then, for parts reachable from neither
 * (cycles), the first component of each such part; {@code parent}: the component one step closer to a root on a
 * shortest path, or -1 for a root; the depth of a component is the length of that path.
 */
public final class DependencyOutline {
    static final Comparator<SbomDocument.Item> ORDER = Comparator.comparing(SbomDocument.Item::name)
            .thenComparing(SbomDocument.Item::version).thenComparing(SbomDocument.Item::ref);

    private final List<SbomDocument.Item> order;
    private final int[][] children;
    private final int[] roots;
    private final int[] parent;
    private final int[] depth;

    private DependencyOutline(List<SbomDocument.Item> order, int[][] children, int[] roots, int[] parent,
            int[] depth) {
        this.order = List.copyOf(order);
        this.children = children;
        this.roots = roots;
        this.parent = parent;
        this.depth = depth;
    }

    public List<SbomDocument.Item> order() {
        return order;
    }

    /** Component i's direct dependencies (a copy). */
    public int[] children(int i) {
        return children[i].clone();
    }

    public int[] roots() {
        return roots.clone();
    }

    public int[] parent() {
        return parent.clone();
    }

    public static DependencyOutline of(SbomDocument doc) {
        List<SbomDocument.Item> order = new ArrayList<>(doc.components());
        order.sort(ORDER);
        int n = order.size();
        Map<String, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            index.put(order.get(i).ref(), i);
        }
        List<TreeSet<Integer>> kids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            kids.add(new TreeSet<>());
        }
        boolean[] needed = new boolean[n];
        for (SbomDocument.Link l : doc.links()) {
            int from = index.get(l.from());
            int to = index.get(l.to());
            if (from != to) {
                kids.get(from).add(to);
                needed[to] = true;
            }
        }
        int[][] children = new int[n][];
        for (int i = 0; i < n; i++) {
            children[i] = kids.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        int[] parent = new int[n];
        int[] depth = new int[n];
        Arrays.fill(depth, -1);
        int[] queue = new int[n];
        List<Integer> roots = new ArrayList<>();
        int head = 0;
        int tail = 0;
        // Breadth first from the described components, then from what nothing needs, then from whatever is left.
        List<Integer> starts = new ArrayList<>();
        doc.roots().forEach(r -> starts.add(index.get(r)));
        for (int i = 0; i < n; i++) {
            if (!needed[i]) {
                starts.add(i);
            }
        }
        for (int i = 0; i < n; i++) {
            starts.add(i);
        }
        for (int s : starts) {
            if (depth[s] >= 0) {
                continue;
            }
            roots.add(s);
            depth[s] = 0;
            parent[s] = -1;
            queue[tail++] = s;
            while (head < tail) {
                int v = queue[head++];
                for (int w : children[v]) {
                    if (depth[w] < 0) {
                        depth[w] = depth[v] + 1;
                        parent[w] = v;
                        queue[tail++] = w;
                    }
                }
            }
        }
        return new DependencyOutline(order, children, roots.stream().mapToInt(Integer::intValue).toArray(), parent,
                depth);
    }

    public int edges() {
        return Arrays.stream(children).mapToInt(c -> c.length).sum();
    }

    /** The longest of the shortest paths from a root. */
    public int maxDepth() {
        return Arrays.stream(depth).max().orElse(0);
    }
}
