package dev.ocisc.cli;

import dev.ocisc.failure.ExitCode;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.failure.UsageException;
import dev.ocisc.graph.Graph;
import dev.ocisc.nix.NixStore;
import dev.ocisc.nix.PathInfoSource;
import dev.ocisc.nix.StoreLookup;
import dev.ocisc.sbom.Format;
import dev.ocisc.sbom.GraphSbom;
import dev.ocisc.sbom.NixpkgsMeta;
import dev.ocisc.sbom.Sbom;
import dev.ocisc.target.Target;
import dev.ocisc.text.Noun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "TARGET", description = "What to list: a Nix build "
            + "(result link, store path, .drv), a JSON graph (`nix derivation show -r`, `nix path-info --json -r`; "
            + "- reads it from stdin), or an image: OCI layout directory, oci-archive, docker-archive, Nix's "
            + ".tar.gz / .tar.zst, or a registry reference.")
    void target(String t) {
        graph.target = t;
    }

    @Mixin
    ImageOptions image;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "cyclonedx-json (default), cyclonedx-xml, spdx-json, spdx-tv, csv (also: cyclonedx, spdx, "
                    + "spdx-tag-value; any case); repeat for several.")
    List<Format> formats = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT[=FILE]|FILE|DIR|-",
            description = {"Where the SBOM goes; repeatable. FORMAT=FILE writes that format to FILE (syft's form); a "
                    + "FORMAT alone writes it to stdout; FILE takes the -f format (trivy's form); an existing DIR, "
                    + "or any name with several -f, gets one file per format; - is stdout. A format name with -f is "
                    + "ambiguous (exit 2): write ./NAME for a file so named. The directory must exist."})
    List<String> outputs = new ArrayList<>();

    @Option(names = "--meta", paramLabel = "FILE",
            description = "nixpkgs metadata (JSON of nix-env -qa --meta --json --out-path) for licenses, "
                    + "descriptions, homepages and CPEs.")
    Path meta;

    @Option(names = "--attach",
            description = "Push the SBOM to the image's registry as an OCI 1.1 referrer of its manifest (the "
                    + "referrers API, else the sha256-HEX tag), instead of printing it; TARGET must be a registry "
                    + "reference, the format cyclonedx-json (default) or spdx-json. -o still writes files.")
    boolean attach;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Console console = Main.of(spec).console();
        List<Outputs.Destination<Format>> destinations = Outputs.resolve(Format.class, formats, outputs,
                Format.CYCLONEDX_JSON);
        Format attached = attach ? attachedFormat() : null;
        Instant created = SourceDateEpoch.fromEnvironment();
        NixpkgsMeta nixMeta = meta == null ? NixpkgsMeta.none() : NixpkgsMeta.read(meta);
        Sbom sbom = graph.stdin() ? fromStdin(console, nixMeta, created) : fromTarget(console, nixMeta, created);
        if (attach) {
            attach(console, sbom, attached, created);
            if (outputs.isEmpty()) {
                return ExitCode.OK;
            }
        }

        // Several formats into one name, or into an existing directory: one file per format in that directory.
        List<Outputs.Destination<Format>> placed = new ArrayList<>();
        for (Outputs.Destination<Format> d : destinations) {
            boolean toDir = d.file() != null && (Files.isDirectory(d.file()) || destinations.stream()
                    .filter(o -> d.file().equals(o.file())).count() > 1);
            if (toDir) {
                makeDirectory(d.file());
            }
            placed.add(toDir ? new Outputs.Destination<>(d.format(), d.file().resolve(fileName(sbom, d.format())))
                    : d);
        }
        Sbom written = sbom;
        List<Path> files = console.stage("write " + Noun.of("SBOM").count(placed.size()), () -> ReportOutput.emitAll(
                placed, f -> o -> f.writer().write(written, o), out));
        for (Path file : files) {
            console.info("wrote " + file + " (" + Noun.of("component").count(sbom.components().size()) + ", "
                    + new Noun("dependency", "dependencies").count(sbom.relationships().size()) + ")");
        }
        return ExitCode.OK;
    }

    /** The one format --attach pushes, checked (with the target) before anything is read. */
    private Format attachedFormat() {
        List<Format> asked = formats.stream().distinct().toList();
        Format f = asked.isEmpty() ? Format.CYCLONEDX_JSON : asked.get(0);
        if (asked.size() > 1 || !(f == Format.CYCLONEDX_JSON || f == Format.SPDX_JSON)) {
            throw new UsageException("--attach pushes one SBOM: -f cyclonedx-json (default) or -f spdx-json");
        }
        Target t = graph.stdin() ? null : graph.target();
        if (!(t instanceof Target.Registry)) {
            throw new UsageException("--attach needs an image in a registry (REGISTRY/REPO:TAG or @sha256:HEX), not "
                    + (t == null ? "standard input" : t.describe()));
        }
        return f;
    }

    /**
     * Pushes the SBOM as a referrer of the image. Without SOURCE_DATE_EPOCH the document has no time, so the same
     * image pushes the same referrer and attaching again adds nothing.
     */
    private void attach(Console console, Sbom sbom, Format f, Instant created) {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        try {
            f.writer().write(sbom, buf);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        java.util.SortedMap<String, String> annotations = new java.util.TreeMap<>();
        if (created != null) {
            annotations.put(dev.ocisc.oci.Attachment.CREATED, java.time.format.DateTimeFormatter.ISO_INSTANT
                    .format(created));
        }
        String type = f == Format.SPDX_JSON ? dev.ocisc.oci.Attachment.SPDX_JSON
                : dev.ocisc.oci.Attachment.CYCLONEDX_JSON;
        dev.ocisc.oci.ImageReference ref = ((Target.Registry) graph.target()).reference();
        dev.ocisc.oci.Referrers.Attached a = console.stage("attach the SBOM", () -> dev.ocisc.oci.Referrers.attach(
                ref, image.readOptions(), new dev.ocisc.oci.Attachment(type, buf.toByteArray(), annotations), null));
        console.info(Attached.line(ref, a, type));
    }

    /** The SBOM of the JSON graph on standard input ({@code nix path-info --json -r X | ocisc sbom -}). */
    private Sbom fromStdin(Console console, NixpkgsMeta nixMeta, Instant created) {
        Graph g = graph.loadStdin(Main.of(spec).stdin(), console);
        return new GraphSbom(nixMeta, created, Main.version()).build(g);
    }

    private Sbom fromTarget(Console console, NixpkgsMeta nixMeta, Instant created) {
        Target target = Wanted.GRAPH_OR_IMAGE.check("sbom", graph.target());
        console.verbose("reading " + target.arg() + ": " + graph.describe(target));
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
            PathInfoSource store = graph.store != null ? StoreLookup.at(graph.store) : StoreLookup.system();
            String storeName = graph.store != null ? "the store at " + graph.store : "this machine's Nix store";
            console.verbose("store paths that nix-snapshotter layers name but do not ship are looked up in "
                    + storeName);
            dev.ocisc.catalog.ImageCatalog catalog = console.stage("catalog the image",
                    () -> dev.ocisc.catalog.ImageCatalog.of(held.get(), image.readOptions(), store, storeName));
            // Warnings quote names from the image: escaped, as in reports.
            catalog.warnings().forEach(console::warn);
            return dev.ocisc.sbom.ImageSbom.build(catalog, nixMeta, created, Main.version());
        }
        // One store for the graph and the files in it: its derivations are parsed once.
        NixStore store = target instanceof Target.Nix ? graph.openStore() : null;
        Graph g = console.stage("read the graph", () -> graph.load(target, store, console));
        GraphSbom model = new GraphSbom(nixMeta, created, Main.version());
        if (store == null) {
            return model.build(g); // a JSON graph: no files to find language packages in
        }
        dev.ocisc.sbom.StoreSbom built = console.stage("build the SBOM and find language packages",
                () -> dev.ocisc.sbom.StoreSbom.build(model, g, store));
        built.warnings().forEach(console::warn);
        return built.sbom();
    }

    /** The one directory several formats are written into, made when its parent exists. */
    private static void makeDirectory(Path dir) {
        Outputs.requireDirectory(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException(dir, "cannot make the directory: " + e.getMessage());
        }
    }

    private static String fileName(Sbom sbom, Format f) {
        return sbom.name().replaceAll("[^A-Za-z0-9._+-]", "_") + f.extension();
    }
}
