package dev.ocisc.cli;

import dev.ocisc.failure.UsageException;
import dev.ocisc.graph.Graph;
import dev.ocisc.nix.NixStore;
import dev.ocisc.nix.NixTarget;
import dev.ocisc.target.Target;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The target and the options that decide which graph is read; shared by {@code sbom} and {@code graph}. */
final class GraphOptions {
    @Parameters(index = "0", paramLabel = "TARGET",
            description = "A result link, a store path, a .drv, or the JSON of `nix derivation show -r` or "
                    + "`nix path-info --json -r`.")
    String target;

    @Option(names = "--buildtime", description = "The build closure (derivations and sources) instead of the "
            + "run-time closure.")
    boolean buildtime;

    @Option(names = "--depth", paramLabel = "N", description = "Only nodes within N edges of the target (0 or more).")
    Integer depth;

    @Option(names = "--store", paramLabel = "ROOT",
            description = "Read a relocated store (nix copy --to local?root=ROOT) instead of /nix/store; for an "
                    + "image, where the store paths its nix-snapshotter layers name (but do not ship) are looked up.")
    Path store;

    /** What the target is; a negative --depth (exit 2) and a --store without a store are refused first. */
    Target target() {
        depth();
        return Target.of(target, store);
    }

    /**
     * Reads the graph of a Nix target or JSON graph; notes on stderr when the target can only give a different
     * graph than asked.
     */
    Graph load(Target t, PrintWriter err) {
        return load(t, null, err);
    }

    /** Reads the graph, a store target from {@code opened} when it is not null (see NixTarget#resolve). */
    Graph load(Target t, NixStore opened, PrintWriter err) {
        Integer limit = depth();
        Graph.Mode mode = buildtime ? Graph.Mode.BUILDTIME : Graph.Mode.RUNTIME;
        Graph g = new NixTarget(t.arg(), store).resolve(mode, opened);
        if (g.mode() != mode) {
            err.println("ocisc: note: " + target + " describes derivations only, so this is the build closure");
        }
        return limit == null ? g : g.limitDepth(limit);
    }

    /** The --depth given, or null for the whole closure; a negative one is a mistake, not "unlimited". */
    Integer depth() {
        if (depth != null && depth < 0) {
            throw new UsageException("--depth takes a number of edges, 0 or more; got " + depth);
        }
        return depth;
    }
}
