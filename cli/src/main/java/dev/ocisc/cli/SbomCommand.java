package dev.ocisc.cli;

import dev.ocisc.failure.ExitCode;
import dev.ocisc.graph.Graph;
import dev.ocisc.nix.NixStore;
import dev.ocisc.oci.Referrers;
import dev.ocisc.sbom.Format;
import dev.ocisc.sbom.GraphSbom;
import dev.ocisc.sbom.NixpkgsMeta;
import dev.ocisc.sbom.Sbom;
import dev.ocisc.sbom.SbomAttachment;
import dev.ocisc.sbom.TargetSbom;
import dev.ocisc.target.Target;
import dev.ocisc.text.Noun;
import java.io.PrintWriter;
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
        SbomAttachment attaching = attach ? SbomAttachment.checked(formats, graph.stdin() ? null : graph.target())
                : null;
        Instant created = SourceDateEpoch.fromEnvironment();
        NixpkgsMeta nixMeta = meta == null ? NixpkgsMeta.none() : NixpkgsMeta.read(meta);
        Sbom sbom = graph.stdin() ? fromStdin(console, nixMeta, created) : fromTarget(console, nixMeta, created);
        if (attaching != null) {
            Referrers.Attached a = console.stage("attach the SBOM",
                    () -> attaching.push(sbom, created, image.readOptions()));
            console.info(Attached.line(attaching.image(), a, attaching.artifactType()));
            if (outputs.isEmpty()) {
                return ExitCode.OK;
            }
        }

        // Several formats into one name, or into an existing directory: one file per format in that directory.
        List<Outputs.Destination<Format>> placed = Outputs.perFormat(destinations, f -> f.fileName(sbom));
        List<Path> files = console.stage("write " + Noun.of("SBOM").count(placed.size()), () -> ReportOutput.emitAll(
                placed, f -> o -> f.writer().write(sbom, o), out));
        for (Path file : files) {
            console.info("wrote " + file + " (" + Noun.of("component").count(sbom.components().size()) + ", "
                    + new Noun("dependency", "dependencies").count(sbom.relationships().size()) + ")");
        }
        return ExitCode.OK;
    }

    /** The SBOM of the JSON graph on standard input ({@code nix path-info --json -r X | ocisc sbom -}). */
    private Sbom fromStdin(Console console, NixpkgsMeta nixMeta, Instant created) {
        Graph g = graph.loadStdin(Main.of(spec).stdin(), console);
        return new GraphSbom(nixMeta, created, Main.version()).build(g);
    }

    private Sbom fromTarget(Console console, NixpkgsMeta nixMeta, Instant created) {
        Target target = Wanted.GRAPH_OR_IMAGE.check("sbom", graph.target());
        console.verbose("reading " + target.arg() + ": " + graph.describe(target));
        return TargetSbom.of(target, new TargetSbom.Request(nixMeta, created, Main.version(), graph.buildtime,
                graph.depth(), graph.store, image.readOptions()), new TargetSbom.GraphReader() {
                    @Override
                    public NixStore openStore() {
                        return graph.openStore();
                    }

                    @Override
                    public Graph load(Target t, NixStore store) {
                        return graph.load(t, store, console);
                    }
                }, console);
    }
}
