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
 * reveal a search hit. A browser cannot lay out ten thousand nodes at load; this is linear in nodes and edges, and
 * iterative: a cycle or a deep chain in a hostile document costs no more than any other edge.
 *
 * @param order    the components, in the outline's order; every index below points into it
 * @param children each component's direct dependencies, distinct, in order, itself never among them
 * @param roots    where the outline starts: the components the document describes, then those nothing depends on,
 *                 then, for parts reachable from neither (cycles), the first component of each such part
 * @param parent   the component one step closer to a root on a shortest path, or -1 for a root
 * @param depth    the length of that path
 */
public record DependencyOutline(List<SbomDocument.Item> order, int[][] children, int[] roots, int[] parent,
        int[] depth) {
    static final Comparator<SbomDocument.Item> ORDER = Comparator.comparing(SbomDocument.Item::name)
            .thenComparing(SbomDocument.Item::version).thenComparing(SbomDocument.Item::ref);

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
        return new DependencyOutline(List.copyOf(order), children, roots.stream().mapToInt(Integer::intValue).toArray(),
                parent, depth);
    }

    public int edges() {
        return Arrays.stream(children).mapToInt(c -> c.length).sum();
    }

    /** The longest of the shortest paths from a root. */
    public int maxDepth() {
        return Arrays.stream(depth).max().orElse(0);
    }
}
