package dev.ocisc.nix;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.failure.Rethrown;
import dev.ocisc.graph.Edge;
import dev.ocisc.graph.EdgeKind;
import dev.ocisc.graph.Graph;
import dev.ocisc.graph.Node;
import dev.ocisc.graph.NodeKind;
import dev.ocisc.graph.Usage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The build closure of derivations: every derivation and input source reachable through {@code inputDrvs} and
 * {@code inputSrcs}, as {@code nix-store -qR X.drv} lists it. Where the store knows the outputs' references,
 * each node and edge says whether it is also needed at run time or only to build.
 */
public final class BuildClosure {
    private BuildClosure() {
    }

    /**
     * @param infos facts about store paths (NAR hashes, references), or a source that knows none
     */
    public static Graph walk(DerivationSource drvs, PathInfoSource infos, List<String> roots) {
        SortedMap<String, Derivation> seen = load(drvs, infos, roots);
        Set<String> runtime = targetRuntimeClosure(seen, infos, roots);
        // Every fact the nodes and edges need, looked up on this thread (a store answers one thread at a time),
        // so that each derivation's node and edges can be made on all cores.
        Map<String, Optional<PathInfo>> facts = new HashMap<>();
        for (Derivation d : seen.values()) {
            facts.put(d.path(), infos.get(d.path()));
            for (DerivationOutput o : d.outputs().values()) {
                if (!o.path().isEmpty()) {
                    facts.put(o.path(), infos.get(o.path()));
                }
            }
            for (String src : d.inputSrcs()) {
                facts.computeIfAbsent(src, infos::get);
            }
        }
        PathInfoSource known = p -> facts.getOrDefault(p, Optional.empty());
        List<Part> parts = seen.values().parallelStream().map(d -> part(d, seen, known, runtime)).toList();
        TreeMap<String, Node> nodes = new TreeMap<>();
        List<Edge> edges = new ArrayList<>();
        for (Part part : parts) {
            if (part.failure() != null) {
                throw part.failure(); // the first in path order, whichever thread met it first
            }
            nodes.put(part.node().path(), part.node());
            edges.addAll(part.edges());
        }
        for (Derivation d : seen.values()) {
            for (String src : d.inputSrcs()) {
                nodes.computeIfAbsent(src, s -> sourceNode(s, known, runtime));
            }
        }
        return new Graph(roots, nodes, edges, Graph.Mode.BUILDTIME);
    }

    /** A derivation's node and its edges, or why they cannot be made. */
    private record Part(Node node, List<Edge> edges, RuntimeException failure) {
    }

    private static Part part(Derivation d, SortedMap<String, Derivation> seen, PathInfoSource infos,
            Set<String> runtime) {
        try {
            List<Edge> edges = new ArrayList<>(d.inputDrvs().size() + d.inputSrcs().size());
            Optional<Set<String>> outputRefs = outputReferences(d, infos);
            for (var in : d.inputDrvs().entrySet()) {
                Derivation input = seen.get(in.getKey());
                Set<String> used = new HashSet<>();
                for (String o : in.getValue()) {
                    DerivationOutput out = input.outputs().get(o);
                    if (out == null) {
                        throw new InvalidInputException(d.path(), "uses output '" + o + "' that "
                                + input.path() + " does not have");
                    }
                    used.add(out.path());
                }
                edges.add(new Edge(d.path(), input.path(), EdgeKind.BUILD, List.copyOf(in.getValue()),
                        usage(outputRefs, used)));
            }
            for (String src : d.inputSrcs()) {
                edges.add(new Edge(d.path(), src, EdgeKind.BUILD, List.of(), usage(outputRefs, Set.of(src))));
            }
            return new Part(derivationNode(d, infos, runtime), edges, null);
        } catch (RuntimeException e) {
            return new Part(null, null, e);
        }
    }

    /**
     * The derivations of the build closure of {@code roots}, with every fact {@code infos} has about their
     * {@code .drv} files, sources and outputs fetched, so that later {@link PathInfoSource#get} calls are cache
     * hits. The store database answers on its own thread while the {@code .drv} files are parsed on the others.
     */
    public static SortedMap<String, Derivation> load(DerivationSource drvs, PathInfoSource infos,
            List<String> roots) {
        SortedMap<String, Derivation> seen = new TreeMap<>(load(drvs, roots, () -> {
            infos.prefetchBuildClosure(roots);
            return null;
        }).derivations());
        List<String> wanted = new ArrayList<>(seen.keySet());
        for (Derivation d : seen.values()) {
            for (DerivationOutput o : d.outputs().values()) {
                if (!o.path().isEmpty()) {
                    wanted.add(o.path());
                }
            }
            wanted.addAll(d.inputSrcs());
        }
        infos.warm(wanted);
        return seen;
    }

    /**
     * The derivations of a build closure, by path in no particular order (sorting 10,000 paths is left to those
     * that need an order), and what a store query made at the same time answered.
     */
    public record Loaded<T>(Map<String, Derivation> derivations, T facts) {
    }

    /**
     * The derivations of the build closure of {@code roots}, read on all cores while {@code facts} (a store query,
     * which needs no parsed {@code .drv}) runs on a thread of its own; its failure is thrown here as if it had
     * run on this thread. Where the source can list the closure's {@code .drv} files up front, they are read
     * from that list, evenly split over the cores, instead of as the walk discovers them.
     */
    public static <T> Loaded<T> load(DerivationSource drvs, List<String> roots, Supplier<T> facts) {
        // Asked before the facts query starts: a store answers both from one database.
        List<String> listed = drvs.closureListing(roots);
        CompletableFuture<T> answer = CompletableFuture.supplyAsync(facts,
                r -> new Thread(r, "ocisc-store-facts").start());
        Map<String, Derivation> seen;
        try {
            if (listed.isEmpty()) {
                seen = drvs.derivationClosure(roots);
            } else {
                // Read all at once, then walked in memory; a derivation the listing missed is read on the way.
                drvs.prefetch(listed);
                seen = DerivationSource.reach(drvs, roots);
            }
        } catch (RuntimeException | Error e) {
            // The database is not to be used by two threads: wait for the query whatever happened here. The
            // walk's failure is the one reported.
            try {
                Rethrown.join(answer);
            } catch (RuntimeException | Error ignored) {
                e.addSuppressed(ignored);
            }
            throw e;
        }
        return new Loaded<>(seen, Rethrown.join(answer));
    }

    /** What the targets' outputs need at run time, or null when some output is not valid in the store. */
    private static Set<String> targetRuntimeClosure(SortedMap<String, Derivation> drvs, PathInfoSource infos,
            List<String> roots) {
        List<String> outputs = new ArrayList<>();
        for (String r : roots) {
            for (DerivationOutput o : drvs.get(r).outputs().values()) {
                if (o.path().isEmpty() || infos.get(o.path()).isEmpty()) {
                    return null;
                }
                outputs.add(o.path());
            }
        }
        // The bulk lookup in walk() has cached every output and source of the build closure, which is all a
        // run-time closure of its outputs can hold: following references in memory beats a second query.
        return PathInfoSource.walk(infos, outputs).keySet();
    }

    /** The union of the references of all of {@code d}'s outputs, if every output is valid. */
    private static Optional<Set<String>> outputReferences(Derivation d, PathInfoSource infos) {
        Set<String> refs = new HashSet<>();
        for (DerivationOutput o : d.outputs().values()) {
            if (o.path().isEmpty()) {
                return Optional.empty();
            }
            Optional<PathInfo> info = infos.get(o.path());
            if (info.isEmpty()) {
                return Optional.empty();
            }
            refs.addAll(info.get().references());
        }
        return Optional.of(refs);
    }

    private static Usage usage(Optional<Set<String>> outputRefs, Set<String> inputPaths) {
        if (outputRefs.isEmpty()) {
            return Usage.UNKNOWN;
        }
        for (String p : inputPaths) {
            if (outputRefs.get().contains(p)) {
                return Usage.RUNTIME;
            }
        }
        return Usage.BUILD_ONLY;
    }

    private static Node derivationNode(Derivation d, PathInfoSource infos, Set<String> runtime) {
        DrvName dn = DrvName.parse(d.name());
        Optional<PathInfo> info = infos.get(d.path());
        Usage usage = Usage.UNKNOWN;
        if (runtime != null) {
            usage = Usage.BUILD_ONLY;
            for (DerivationOutput o : d.outputs().values()) {
                if (runtime.contains(o.path())) {
                    usage = Usage.RUNTIME;
                }
            }
        }
        var fixed = d.outputs().size() == 1 ? d.fixedOutput(d.outputs().firstKey()).orElse(null) : null;
        return new Node(d.path(), dn.name(), dn.version(), NodeKind.DERIVATION, null, null,
                info.map(PathInfo::narSha256).orElse(null), info.map(PathInfo::narSize).orElse(-1L), fixed, usage);
    }

    private static Node sourceNode(String path, PathInfoSource infos, Set<String> runtime) {
        DrvName dn = DrvName.parse(StorePath.parse(path).name());
        Optional<PathInfo> info = infos.get(path);
        Usage usage = runtime == null ? Usage.UNKNOWN : runtime.contains(path) ? Usage.RUNTIME : Usage.BUILD_ONLY;
        return new Node(path, dn.name(), dn.version(), NodeKind.SOURCE, null, null,
                info.map(PathInfo::narSha256).orElse(null), info.map(PathInfo::narSize).orElse(-1L), null, usage);
    }
}
