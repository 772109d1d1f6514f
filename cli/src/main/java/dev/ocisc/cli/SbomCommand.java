package dev.ocisc.cli;

import dev.ocisc.failure.ExitCode;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.failure.UsageException;
import dev.ocisc.graph.Graph;
import dev.ocisc.nix.NixStore;
import dev.ocisc.nix.PathInfo;
import dev.ocisc.nix.PathInfoSource;
import dev.ocisc.nix.StoreDatabase;
import dev.ocisc.sbom.Format;
import dev.ocisc.sbom.GraphSbom;
import dev.ocisc.sbom.NixpkgsMeta;
import dev.ocisc.sbom.Sbom;
import dev.ocisc.target.Target;
import dev.ocisc.text.Noun;
import dev.ocisc.text.ReportText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sbom", mixinStandardHelpOptions = true,
        description = {"Write SBOMs (CycloneDX 1.6, SPDX 2.3, CSV) of what a Nix build declares, or of what an OCI "
                + "image holds.",
                "TARGET may also be an image: an OCI layout directory, an oci-archive, a docker-archive, Nix's "
                + "dockerTools archive (.tar.gz, .tar.zst), or a registry reference (REGISTRY/REPO:TAG, "
                + "REGISTRY/REPO@sha256:HEX, docker://REF, oci:DIR, oci-archive:FILE, docker-archive:FILE); an "
                + "existing path is always read as a path."})
final class SbomCommand implements Callable<Integer> {
    @Mixin
    GraphOptions graph;

    @Mixin
    ImageOptions image;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "cyclonedx-json (default), cyclonedx-xml, spdx-json, spdx-tv, csv; repeat for several.")
    List<Format> formats = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE|DIR",
            description = "Output file; a directory (existing, or ending in /) when several formats are asked.")
    Path output;

    @Option(names = "--meta", paramLabel = "FILE",
            description = "nixpkgs metadata (JSON of nix-env -qa --meta --json --out-path) for licenses, "
                    + "descriptions, homepages and CPEs.")
    Path meta;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Format> chosen = new ArrayList<>();
        for (Format f : formats.isEmpty() ? List.of(Format.CYCLONEDX_JSON) : formats) {
            if (!chosen.contains(f)) {
                chosen.add(f);
            }
        }
        boolean toDir = output != null && (chosen.size() > 1 || Files.isDirectory(output)
                || output.toString().endsWith("/"));
        if (chosen.size() > 1 && output == null) {
            throw new UsageException("several formats need -o DIR");
        }
        Instant created = SourceDateEpoch.fromEnvironment();
        NixpkgsMeta nixMeta = meta == null ? NixpkgsMeta.none() : NixpkgsMeta.read(meta);

        Sbom sbom;
        Target target = Wanted.GRAPH_OR_IMAGE.check("sbom", graph.target());
        // A Nix-built image (a result link to dockerTools' archive, say) is listed by what it holds, which is what
        // runs; its build graph is what --buildtime asks for.
        java.util.Optional<dev.ocisc.oci.ImageLocation> held = graph.buildtime && target instanceof Target.Nix
                ? java.util.Optional.empty() : target.imageLocation();
        if (held.isPresent()) {
            if (graph.buildtime || graph.depth() != null) {
                throw new UsageException((graph.buildtime ? "--buildtime" : "--depth")
                        + " needs a Nix target: an image holds its run-time contents, not a build graph");
            }
            // An OCI image (by content): catalog what is inside it instead of asking Nix about the target.
            // The store paths a nix-snapshotter image names but does not ship are completed from --store's store,
            // else from this machine's, when it holds them.
            PathInfoSource store = graph.store != null ? storeAt(graph.store) : systemStore();
            String storeName = graph.store != null ? "the store at " + graph.store : "this machine's Nix store";
            dev.ocisc.catalog.ImageCatalog catalog = dev.ocisc.catalog.ImageCatalog.of(held.get(),
                    image.readOptions(), store, storeName);
            // Warnings quote names from the image: escaped, as in reports.
            catalog.warnings().forEach(w -> err.println("ocisc: warning: " + ReportText.line(w)));
            sbom = dev.ocisc.sbom.ImageSbom.build(catalog, nixMeta, created, Main.version());
        } else {
            // One store for the graph and the files in it: its derivations are parsed once.
            NixStore store = target instanceof Target.Nix ? NixStore.open(graph.store) : null;
            Graph g = graph.load(target, store, err);
            sbom = new GraphSbom(nixMeta, created, Main.version()).build(g);
            if (store != null) {
                // The language packages inside the store paths, from their files; a JSON graph has no files.
                dev.ocisc.sbom.StoreLanguagePackages lang = dev.ocisc.sbom.StoreLanguagePackages.of(g, store);
                lang.warnings().forEach(w -> err.println("ocisc: warning: " + ReportText.line(w)));
                sbom = dev.ocisc.sbom.LanguageComponents.add(sbom, lang.placed());
            }
        }

        if (output == null) {
            Format f = chosen.get(0);
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try {
                f.writer().write(sbom, buf);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.print(buf.toString(java.nio.charset.StandardCharsets.UTF_8));
            out.flush();
            return ExitCode.OK;
        }
        // Streamed into the files, the formats at the same time; the files are renamed into place only when all are
        // complete, so a failure leaves no partial set.
        Map<Path, AtomicOutput.Content> files = new LinkedHashMap<>();
        for (Format f : chosen) {
            Sbom written = sbom;
            files.put(toDir ? output.resolve(fileName(sbom, f)) : output, o -> f.writer().write(written, o));
        }
        AtomicOutput.writeAll(files);
        for (Path file : files.keySet()) {
            err.println("wrote " + file + " (" + Noun.of("component").count(sbom.components().size()) + ", "
                    + new Noun("dependency", "dependencies").count(sbom.relationships().size()) + ")");
        }
        return ExitCode.OK;
    }

    /**
     * The store under {@code root}, opened on first use: only an image with nix-snapshotter layers asks, so a root
     * without a database (a result link's store holding just an image) is no error for other images.
     */
    private static PathInfoSource storeAt(Path root) {
        NixStore.requireRoot(root);
        return lazy(() -> NixStore.open(root));
    }

    /**
     * This machine's store database, opened on first use, or null when there is none to read; one that cannot be
     * opened answers nothing, never the {@code nix} command.
     */
    private static PathInfoSource systemStore() {
        Path db = Path.of("/nix/var/nix/db/db.sqlite");
        if (!Files.isReadable(db)) {
            return null;
        }
        return lazy(() -> {
            try {
                return StoreDatabase.openShared(db);
            } catch (InvalidInputException e) {
                return p -> java.util.Optional.empty();
            }
        });
    }

    private static PathInfoSource lazy(java.util.function.Supplier<PathInfoSource> open) {
        return new PathInfoSource() {
            private PathInfoSource opened;

            private PathInfoSource source() {
                if (opened == null) {
                    opened = open.get();
                }
                return opened;
            }

            @Override
            public java.util.Optional<PathInfo> get(String path) {
                return source().get(path);
            }

            @Override
            public Map<String, PathInfo> getAll(java.util.Collection<String> paths) {
                return source().getAll(paths);
            }
        };
    }

    private static String fileName(Sbom sbom, Format f) {
        return sbom.name().replaceAll("[^A-Za-z0-9._+-]", "_") + f.extension();
    }
}
