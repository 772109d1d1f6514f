package dev.ocisc.nix;

import dev.ocisc.graph.Edge;
import dev.ocisc.graph.FixedOutput;
import dev.ocisc.graph.Graph;
import dev.ocisc.graph.Node;
import dev.ocisc.graph.NodeKind;
import dev.ocisc.graph.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The run-time closure of store paths: every path reachable through store references, derivation-less ones
 * included, as {@code nix-store -qR} lists it.
 */
public final class RuntimeClosure {
    private RuntimeClosure() {
    }

    /** The closure of {@code roots} as a graph whose edges are store references. */
    public static Graph walk(PathInfoSource infos, DerivationSource drvs, List<String> roots) {
        TreeMap<String, Node> nodes = new TreeMap<>();
        List<Edge> edges = new ArrayList<>();
        Map<String, PathInfo> closure = infos.closure(roots);
        // Only derivations the store cannot answer for need parsing: downloads (for their URLs and declared
        // hash) and paths whose output name the store did not record. Parsing ten thousand .drv files would
        // otherwise be most of the time.
        drvs.prefetch(closure.values().stream().filter(RuntimeClosure::needsDerivation)
                .map(PathInfo::deriver).distinct().toList());
        for (PathInfo info : closure.values()) {
            nodes.put(info.path(), node(info, drvs));
        }
        // In path order, references sorted: the edges come out in the graph's order, which its sort then checks.
        for (String path : nodes.keySet()) {
            for (String ref : closure.get(path).references()) {
                edges.add(Edge.runtime(path, ref));
            }
        }
        return new Graph(roots, nodes, edges, Graph.Mode.RUNTIME);
    }

    static Node node(PathInfo info, DerivationSource drvs) {
        StorePath sp = StorePath.parse(info.path());
        if (sp.isDerivation()) {
            DrvName dn = DrvName.parse(sp.packageName());
            return new Node(info.path(), dn.name(), dn.version(), NodeKind.DERIVATION, null, null,
                    info.narSha256(), info.narSize(), null, Usage.RUNTIME);
        }
        if (info.deriver() == null) {
            DrvName dn = DrvName.parse(sp.name());
            return new Node(info.path(), dn.name(), dn.version(), NodeKind.SOURCE, null, null,
                    info.narSha256(), info.narSize(), null, Usage.RUNTIME);
        }
        if (!needsDerivation(info)) {
            DrvName dn = DrvName.ofOutput(sp.name(), info.output());
            return new Node(info.path(), dn.name(), dn.version(), NodeKind.OUTPUT, info.output(), info.deriver(),
                    info.narSha256(), info.narSize(), null, Usage.RUNTIME);
        }
        Optional<Derivation> drv = drvs.derivation(info.deriver());
        String output = drv.flatMap(d -> d.outputFor(info.path())).map(DerivationOutput::name)
                .orElse(info.output());
        DrvName dn = drv.isPresent() && drv.get().outputFor(info.path()).isPresent()
                ? DrvName.parse(drv.get().name())
                : DrvName.ofOutput(sp.name(), output);
        FixedOutput fixed = drv.isPresent() && output != null ? drv.get().fixedOutput(output).orElse(null) : null;
        return new Node(info.path(), dn.name(), dn.version(), NodeKind.OUTPUT, output, info.deriver(),
                info.narSha256(), info.narSize(), fixed, Usage.RUNTIME);
    }

    /** Whether a path's node needs its deriver's .drv: a download, or an output the store did not name. */
    static boolean needsDerivation(PathInfo info) {
        return info.deriver() != null && (info.output() == null || info.isFixedOutput());
    }
}
