package dev.ocisc.sbom;

import dev.ocisc.catalog.LanguagePackage;
import dev.ocisc.catalog.StoreFiles;
import dev.ocisc.graph.Graph;
import dev.ocisc.graph.Node;
import dev.ocisc.graph.NodeKind;
import dev.ocisc.nix.Derivation;
import dev.ocisc.nix.DerivationOutput;
import dev.ocisc.nix.NixStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The language packages inside a Nix graph's store paths, read from their files on this machine: in a run-time
 * graph each store path contains what its files hold; in a build graph, whose nodes are derivations and sources,
 * a derivation contains what its built outputs hold (an output not built is not read: nothing is guessed).
 *
 * @param placed   the packages and the components that contain them
 * @param warnings files that claimed to hold packages but could not be read as they claim
 */
public record StoreLanguagePackages(List<LanguageComponents.Placed> placed, List<String> warnings) {
    public StoreLanguagePackages {
        placed = List.copyOf(placed);
        warnings = List.copyOf(warnings);
    }

    /** @param store the store the graph was read from: its derivations are parsed already */
    public static StoreLanguagePackages of(Graph graph, NixStore store) {
        Map<String, String> containerOf = new LinkedHashMap<>(); // store path on disk -> node
        for (Node n : graph.nodes().values()) {
            if (n.kind() != NodeKind.DERIVATION) {
                containerOf.put(n.path(), n.path());
                continue;
            }
            if (graph.mode() != Graph.Mode.BUILDTIME) {
                continue;
            }
            Derivation d = store.derivation(n.path()).orElse(null);
            if (d == null) {
                continue;
            }
            for (DerivationOutput o : d.outputs().values()) {
                if (!o.path().isEmpty()) {
                    containerOf.putIfAbsent(o.path(), n.path());
                }
            }
        }
        StoreFiles files = StoreFiles.scan(store.root(), containerOf.keySet());
        List<LanguageComponents.Placed> out = new ArrayList<>();
        for (LanguagePackage p : files.packages()) {
            String node = containerOf.get(p.container());
            Map<String, String> props = node.equals(p.container()) ? Map.of() : Map.of("nix:output_path", p.container());
            out.add(new LanguageComponents.Placed(p, node, props));
        }
        return new StoreLanguagePackages(out, files.warnings());
    }
}
