package dev.ocisc.oci;

import java.util.List;

/**
 * What a layer holds, in brief.
 *
 * @param storePaths the Nix store paths whose top entry the layer writes ({@code /nix/store/...})
 * @param topLevel   the top-level directories (or files) it writes into
 */
public record LayerSummary(long entries, long files, long fileBytes, int whiteouts, List<String> storePaths,
        List<String> topLevel) {
    public LayerSummary {
        storePaths = List.copyOf(storePaths);
        topLevel = List.copyOf(topLevel);
    }
}
