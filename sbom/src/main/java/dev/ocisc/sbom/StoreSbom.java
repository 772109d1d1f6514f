package dev.ocisc.sbom;

import dev.ocisc.failure.Rethrown;
import dev.ocisc.graph.Graph;
import dev.ocisc.nix.NixStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The SBOM of a Nix graph read from a store on this machine: the graph's components and, inside their store paths,
 * the language packages their files hold.
 *
 * @param sbom     the document's model
 * @param warnings files that claimed to hold packages but could not be read as they claim
 */
public record StoreSbom(Sbom sbom, List<String> warnings) {
    public StoreSbom {
        warnings = List.copyOf(warnings);
    }

    /**
     * Builds the model on this thread while the store paths' files are read on another: neither needs the other,
     * and on a 10,000-path graph each takes about a tenth of a second.
     */
    public static StoreSbom build(GraphSbom model, Graph graph, NixStore store) {
        CompletableFuture<StoreLanguagePackages> scan = CompletableFuture.supplyAsync(
                () -> StoreLanguagePackages.of(graph, store), r -> {
                    Thread t = new Thread(r, "ocisc-language-packages");
                    t.setDaemon(true);
                    t.start();
                });
        // Should the model fail, the scan (which only reads) is left to end on its own daemon thread.
        Sbom sbom = model.build(graph);
        StoreLanguagePackages found = Rethrown.join(scan);
        return new StoreSbom(LanguageComponents.add(sbom, found.placed()), found.warnings());
    }
}
