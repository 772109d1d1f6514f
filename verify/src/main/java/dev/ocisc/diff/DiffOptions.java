package dev.ocisc.diff;

import dev.ocisc.oci.Limits;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to leave out of a diff and what is known about the builds.
 *
 * @param ignore      drift classes that do not count (still counted in the report's "ignored" totals)
 * @param ignorePaths globs over normalized entry paths; matching entries are left out entirely
 * @param hints       strings known to differ between the builds (build directories, host names) and the
 *                    class a difference containing them belongs to
 */
public record DiffOptions(Set<DriftClass> ignore, List<String> ignorePaths, Map<String, DriftClass> hints,
        Limits limits) {
    public static final DiffOptions DEFAULT = new DiffOptions(Set.of(), List.of(), Map.of(), Limits.defaults());

    public DiffOptions {
        ignore = ignore.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(ignore));
        ignorePaths = List.copyOf(ignorePaths);
        hints = Map.copyOf(hints);
    }

    public DiffOptions withHints(Map<String, DriftClass> more) {
        Map<String, DriftClass> all = new java.util.HashMap<>(hints);
        all.putAll(more);
        return new DiffOptions(ignore, ignorePaths, all, limits);
    }

    /** The findings whose class counts; each left out is counted by class into {@code ignored}. */
    List<Finding> kept(List<Finding> findings, Map<DriftClass, Integer> ignored) {
        List<Finding> kept = new java.util.ArrayList<>();
        for (Finding f : findings) {
            if (ignore.contains(f.drift())) {
                ignored.merge(f.drift(), 1, Integer::sum);
            } else {
                kept.add(f);
            }
        }
        return kept;
    }

    boolean pathIgnored(String path) {
        if (ignorePaths.isEmpty()) {
            return false;
        }
        Path p = Path.of(path);
        for (String glob : ignorePaths) {
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            if (m.matches(p) || m.matches(Path.of("/" + path))) {
                return true;
            }
        }
        return false;
    }
}
