package dev.ocisc.slsa;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.graph.Graph;
import dev.ocisc.nix.NixStore;
import dev.ocisc.nix.NixTarget;
import dev.ocisc.nix.PathInfo;
import dev.ocisc.nix.StorePath;
import java.nio.file.Path;

/**
 * Which derivation a provenance target names: a {@code .drv}, an output path (or a file in one, or a result link
 * to one) through its deriver. Resolved without walking any graph, since provenance walks the build closure
 * itself and a 10,000-derivation walk should happen once.
 */
final class TargetDerivation {
    private TargetDerivation() {
    }

    static String resolve(String target, Path storeRoot, NixStore store) {
        NixTarget nixTarget = new NixTarget(target, storeRoot);
        String storePath = nixTarget.storePath().orElse(null);
        if (storePath == null) {
            // Not a store path: a JSON dump (nix derivation show -r) may still name the derivation.
            Graph g = nixTarget.resolve(Graph.Mode.BUILDTIME);
            if (g.roots().size() != 1) {
                throw new InvalidInputException(target, "provenance needs one derivation, this names "
                        + g.roots().size());
            }
            return g.roots().get(0);
        }
        if (StorePath.parse(storePath).isDerivation()) {
            return storePath;
        }
        PathInfo info = store.get(storePath).orElseThrow(() -> new InvalidInputException(target,
                storePath + " is not valid in the store" + (storeRoot == null ? "" : " under " + storeRoot)));
        if (info.deriver() == null) {
            throw new InvalidInputException(target, storePath + " has no deriver (a source or builtins.toFile "
                    + "path), so there is no build to describe");
        }
        return info.deriver();
    }
}
