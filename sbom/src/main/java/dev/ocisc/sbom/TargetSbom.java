package dev.ocisc.sbom;

import dev.ocisc.catalog.ImageCatalog;
import dev.ocisc.failure.UsageException;
import dev.ocisc.graph.Graph;
import dev.ocisc.nix.NixStore;
import dev.ocisc.nix.PathInfoSource;
import dev.ocisc.nix.StoreLookup;
import dev.ocisc.oci.ImageLocation;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.progress.Narration;
import dev.ocisc.target.Target;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The SBOM of what {@code ocisc sbom} is given: an image is listed by what it holds (which is what runs), a Nix
 * build by its graph and the language packages in its store paths' files, a JSON graph by its graph alone.
 */
public final class TargetSbom {
    private TargetSbom() {
    }

    /**
     * What the SBOM is made with.
     *
     * @param meta        nixpkgs metadata, or {@link NixpkgsMeta#none()}
     * @param created     the document's time (SOURCE_DATE_EPOCH), or null for none
     * @param toolVersion ocisc's version, named as the tool that wrote the document
     * @param buildtime   whether the build closure was asked for (--buildtime)
     * @param depth       the --depth given, or null
     * @param store       the root of a relocated store (--store), or null for this machine's
     * @param read        how an image is read
     */
    public record Request(NixpkgsMeta meta, Instant created, String toolVersion, boolean buildtime, Integer depth,
            Path store, ReadOptions read) {
    }

    /** How the graph of a Nix target or JSON graph is read, as the command's options say. */
    public interface GraphReader {
        /** The store a Nix target is read from, its derivations parsed once for the graph and the files. */
        NixStore openStore();

        /** The graph of {@code target}, a Nix target read from {@code store} (null for a JSON graph). */
        Graph load(Target target, NixStore store);
    }

    /** The SBOM of {@code target}, a Nix target, JSON graph or image; each stage is named to {@code narration}. */
    public static Sbom of(Target target, Request r, GraphReader graphs, Narration narration) {
        // A Nix-built image (a result link to dockerTools' archive, say) is listed by what it holds, which is what
        // runs; its build graph is what --buildtime asks for.
        Optional<ImageLocation> held = r.buildtime() && target instanceof Target.Nix ? Optional.empty()
                : target.imageLocation();
        if (held.isPresent()) {
            if (r.buildtime() || r.depth() != null) {
                throw new UsageException((r.buildtime() ? "--buildtime" : "--depth")
                        + " needs a Nix target: an image holds its run-time contents, not a build graph");
            }
            // An OCI image (by content): catalog what is inside it instead of asking Nix about the target.
            // The store paths a nix-snapshotter image names but does not ship are completed from --store's store,
            // else from this machine's, when it holds them.
            PathInfoSource store = r.store() != null ? StoreLookup.at(r.store()) : StoreLookup.system();
            String storeName = r.store() != null ? "the store at " + r.store() : "this machine's Nix store";
            narration.verbose("store paths that nix-snapshotter layers name but do not ship are looked up in "
                    + storeName);
            ImageCatalog catalog = narration.stage("catalog the image",
                    () -> ImageCatalog.of(held.get(), r.read(), store, storeName));
            // Warnings quote names from the image: escaped, as in reports.
            catalog.warnings().forEach(narration::warn);
            return ImageSbom.build(catalog, r.meta(), r.created(), r.toolVersion());
        }
        // One store for the graph and the files in it: its derivations are parsed once.
        NixStore store = target instanceof Target.Nix ? graphs.openStore() : null;
        Graph g = narration.stage("read the graph", () -> graphs.load(target, store));
        GraphSbom model = new GraphSbom(r.meta(), r.created(), r.toolVersion());
        if (store == null) {
            return model.build(g); // a JSON graph: no files to find language packages in
        }
        StoreSbom built = narration.stage("build the SBOM and find language packages",
                () -> StoreSbom.build(model, g, store));
        built.warnings().forEach(narration::warn);
        return built.sbom();
    }
}
