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

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json.")
    LayersFormat format;

    @Mixin
    ImageOptions imageOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<ScannedImage<LayerSummary>> scanned = new ArrayList<>();
        for (String arg : images) {
            scanned.add(ImageReader.read(Wanted.location("layers", Target.of(arg, null)), imageOptions.readOptions(),
                    LayerSummarizer::new));
        }
        LayerSharing sharing = LayerSharing.of(scanned);
        ReportOutput.print(out -> LayersWriter.forFormat(format).write(sharing, out), spec.commandLine().getOut());
        return ExitCode.OK;
    }
}
