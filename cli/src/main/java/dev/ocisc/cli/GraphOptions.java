package dev.ocisc.cli;

import dev.ocisc.failure.UsageException;
import dev.ocisc.graph.Graph;
import dev.ocisc.nix.NixStore;
import dev.ocisc.nix.NixTarget;
import dev.ocisc.target.Target;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The target and the options that decide which graph is read; shared by {@code sbom} and {@code graph}, which each
 * describe their TARGET (sbom's may be an image) and set it here.
 */
final class GraphOptions {
    /** What a JSON graph read from standard input is called in messages. */
    static final String STDIN_NAME = "<stdin>";

    /** The help text of a TARGET that is a Nix build or JSON graph. */
    static final String NIX_TARGETS = "A result link, a store path, a .drv, or the JSON of `nix derivation show -r` "
            + "or `nix path-info --json -r` (- reads that JSON from stdin).";

    String target;

    @Option(names = "--buildtime", description = "The build closure (derivations and sources) instead of the "
            + "run-time closure.")
    boolean buildtime;

    @Option(names = "--depth", paramLabel = "N", description = "Only nodes within N edges of the target (0 or more).")
    Integer depth;

    @Option(names = "--store", paramLabel = "ROOT",
            description = "Read a relocated store (nix copy --to local?root=ROOT) instead of /nix/store; for an "
                    + "image, where the store paths its nix-snapshotter layers name (but do not ship) are looked up. Default: $OCISC_STORE.")
    Path store;

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec command;

    /** What the target is; a negative --depth (exit 2) and a --store without a store are refused first. */
    Target target() {
        depth();
        return Target.of(target, store);
    }

    /**
     * Reads the graph of a Nix target or JSON graph; notes on stderr when the target can only give a different
     * graph than asked.
     */
    Graph load(Target t, Console console) {
        return load(t, null, console);
    }

    /** Reads the graph, a store target from {@code opened} when it is not null (see NixTarget#resolve). */
    Graph load(Target t, NixStore opened, Console console) {
        NixStore s = opened != null || !(t instanceof Target.Nix) ? opened : openStore();
        return limited(new NixTarget(t.arg(), store).resolve(mode(), s), console);
    }

    /** The store of --store (or the system's), its .drv files read with a progress bar where one is shown. */
    NixStore openStore() {
        return NixStore.open(store, Main.progress(command));
    }

    /** What {@code -v} says is read: a store path and its store, or what the target's bytes are. */
    String describe(Target t) {
        return t instanceof Target.Nix n ? (n.link() ? "a link to " : "") + n.storePath() + " in "
                + (store == null ? "this machine's Nix store" : "the store at " + store) : t.describe();
    }

    /** Whether the target is {@code -}: a JSON graph on standard input. */
    boolean stdin() {
        return Outputs.STDOUT.equals(target);
    }

    /** Reads the JSON graph on standard input, capped as a file is; messages call it {@code <stdin>}. */
    Graph loadStdin(java.io.InputStream in, Console console) {
        depth();
        console.verbose("reading a JSON graph from standard input");
        return limited(console.stage("read the graph", () -> new NixTarget(STDIN_NAME, store).resolveJson(in,
                mode())), console);
    }

    private Graph.Mode mode() {
        return buildtime ? Graph.Mode.BUILDTIME : Graph.Mode.RUNTIME;
    }

    private Graph limited(Graph g, Console console) {
        Integer limit = depth();
        if (g.mode() != mode()) {
            console.info("ocisc: note: " + (stdin() ? STDIN_NAME : target)
                    + " describes derivations only, so this is the build closure");
        }
        console.verbose(g.mode().name().toLowerCase(java.util.Locale.ROOT) + " graph: "
                + dev.ocisc.text.Noun.of("node").count(g.nodes().size()));
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
