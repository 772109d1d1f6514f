package dev.ocisc.nix;

import dev.ocisc.failure.InvalidInputException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Where the facts about store paths come from: the store database, {@code nix path-info}, or a JSON dump. */
public interface PathInfoSource {
    /** The recorded facts about {@code path}, or empty when it is not valid there. */
    Optional<PathInfo> get(String path);

    /**
     * The facts about many paths at once, for the valid ones among them. Sources that can answer in bulk (the
     * database) override this; a build closure asks about every output of ten thousand derivations.
     */
    default Map<String, PathInfo> getAll(Collection<String> paths) {
        Map<String, PathInfo> found = new LinkedHashMap<>();
        for (String p : paths) {
            get(p).ifPresent(i -> found.put(p, i));
        }
        return found;
    }

    /**
     * Fetches the facts about {@code paths} so that later {@link #get} calls answer from memory, without
     * collecting an answer: for the ten thousand outputs and sources of a build closure that map costs more
     * than the lookups. Sources without a cache fetch nothing.
     */
    default void warm(Collection<String> paths) {
    }

    /**
     * A hint that the facts of a build closure will be asked for soon: every {@code .drv} and source reachable
     * from the derivations {@code drvRoots}, and their outputs. The database answers this in one query, at the
     * same time as the {@code .drv} files are parsed; other sources ignore it.
     */
    default void prefetchBuildClosure(Collection<String> drvRoots) {
    }

    /**
     * The NAR hashes (hex SHA-256) of the outputs and sources in the build closure of {@code drvRoots}: what a
     * provenance statement records of each dependency, in one query instead of every fact about every path.
     * Paths missing from the answer are to be asked for with {@link #get}; sources that cannot answer in bulk
     * answer nothing.
     */
    default Map<String, String> buildClosureNarHashes(Collection<String> drvRoots) {
        return Map.of();
    }

    /**
     * The {@code .drv} paths in the closure of {@code drvRoots} over references, which for a derivation are its
     * input derivations and sources: the derivations of its build closure. Empty when this source cannot say.
     */
    default java.util.List<String> buildClosureDerivations(Collection<String> drvRoots) {
        return java.util.List.of();
    }

    /**
     * Every path reachable from {@code roots} through references, with its facts; fails naming the first path
     * that is not valid. Sources that can answer in bulk (the database) override this.
     */
    default Map<String, PathInfo> closure(Collection<String> roots) {
        return walk(this, roots);
    }

    /**
     * The closure found by following references one {@link #get} at a time: what {@link #closure} does unless
     * a source overrides it, and the right choice when every path is already cached.
     */
    static Map<String, PathInfo> walk(PathInfoSource source, Collection<String> roots) {
        Map<String, PathInfo> seen = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>(roots);
        while (!queue.isEmpty()) {
            String path = queue.poll();
            if (seen.containsKey(path)) {
                continue;
            }
            PathInfo info = source.get(path).orElseThrow(() ->
                    new InvalidInputException(path, "not a valid path in the store"));
            seen.put(path, info);
            for (String ref : info.references()) {
                if (!seen.containsKey(ref)) {
                    queue.add(ref);
                }
            }
        }
        return seen;
    }
}
