package dev.ocisc.cli;

import dev.ocisc.failure.ExitCode;
import dev.ocisc.oci.ImageReader;
import dev.ocisc.oci.LayerSummarizer;
import dev.ocisc.oci.LayerSummary;
import dev.ocisc.oci.ScannedImage;
import dev.ocisc.oci.report.LayerSharing;
import dev.ocisc.oci.report.LayersFormat;
import dev.ocisc.oci.report.LayersWriter;
import dev.ocisc.target.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "layers", mixinStandardHelpOptions = true,
        description = "Show each layer of one or more images (size, DiffID, what it holds: the store paths of a "
                + "Nix layer) and which layers the images share, with the bytes sharing saves.")
final class LayersCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "IMAGE",
            description = "OCI layout directory, oci-archive, docker-archive, Nix's .tar.gz / .tar.zst, or a registry "
                    + "reference (REGISTRY/REPO:TAG, @sha256:..., docker://, oci:, oci-archive:, docker-archive:).")
    List<String> images;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "text (default), json, or html (one self-contained page: each image's layers as a bar of "
                    + "their sizes, shared layers in the same colour, the bytes sharing saves).")
    LayersFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT[=FILE]|FILE|-", description = ReportOptions.OUTPUT_HELP)
    List<String> outputs = new ArrayList<>();

    @Mixin
    ImageOptions imageOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var destinations = Outputs.resolve(LayersFormat.class, ReportOptions.given(format), outputs,
                LayersFormat.TEXT);
        Console console = Main.of(spec).console();
        List<ScannedImage<LayerSummary>> scanned = new ArrayList<>();
        for (String arg : images) {
            Target t = Target.of(arg, null);
            var location = Wanted.location("layers", t);
            console.verbose("reading " + arg + ": " + t.describe());
            scanned.add(console.stage("read " + arg, () -> ImageReader.read(location, imageOptions.readOptions(),
                    LayerSummarizer::new)));
        }
        LayerSharing sharing = LayerSharing.of(scanned);
        ReportOutput.emitAll(destinations, f -> out -> LayersWriter.forFormat(f).write(sharing, out),
                spec.commandLine().getOut(), console);
        return ExitCode.OK;
    }
}
