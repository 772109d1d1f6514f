package dev.ocisc.nix;

import dev.ocisc.failure.InvalidInputException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** Where parsed derivations come from: {@code .drv} files in a store, or a {@code nix derivation show} dump. */
public interface DerivationSource {
    Optional<Derivation> derivation(String drvPath);

    /** A hint that these derivations will be asked for soon; sources that read files may read them at once. */
    default void prefetch(Collection<String> drvPaths) {
    }

    /**
     * The {@code .drv} paths of the build closure of {@code roots} as far as this source can list them without
     * parsing any (a store database knows every {@code .drv}'s references), or empty when it cannot. A list lets
     * the files be read on all cores at once; discovering them by parsing cannot, on a deep chain of inputs.
     */
    default List<String> closureListing(Collection<String> roots) {
        return List.of();
    }

    /**
     * Every derivation reachable from {@code roots} through {@code inputDrvs}, by path; fails naming a missing
     * derivation and one derivation that needs it. Sources that read files override this to read in parallel.
     */
    default SortedMap<String, Derivation> derivationClosure(Collection<String> roots) {
        return walk(this, roots);
    }

    /**
     * The closure found one {@link #derivation} at a time: what {@link #derivationClosure} does unless a source
     * overrides it, and the right choice when every derivation has been read already.
     */
    static SortedMap<String, Derivation> walk(DerivationSource source, Collection<String> roots) {
        return new TreeMap<>(reach(source, roots));
    }

    /**
     * The same closure in no particular order, for callers that sort what they make of it instead: hashed while
     * walking (every edge is a lookup, 30,000 of them on a 10,000-derivation closure).
     */
    static java.util.Map<String, Derivation> reach(DerivationSource source, Collection<String> roots) {
        java.util.Map<String, Derivation> seen = new java.util.HashMap<>();
        Deque<String[]> queue = new ArrayDeque<>();
        roots.forEach(r -> queue.add(new String[] {r, r}));
        while (!queue.isEmpty()) {
            String[] next = queue.poll();
            if (seen.containsKey(next[0])) {
                continue;
            }
            Derivation d = require(source, next[0], next[1]);
            seen.put(next[0], d);
            for (String in : d.inputDrvs().keySet()) {
                if (!seen.containsKey(in)) {
                    queue.add(new String[] {in, next[0]});
                }
            }
        }
        return seen;
    }

    /** The derivation at {@code path}, or an error naming it and, unless it is a root, who needs it. */
    static Derivation require(DerivationSource source, String path, String neededBy) {
        return source.derivation(path).orElseThrow(() -> new InvalidInputException(path,
                "derivation not found" + (neededBy.equals(path) ? "" : " (an input of " + neededBy + ")")));
    }
}
