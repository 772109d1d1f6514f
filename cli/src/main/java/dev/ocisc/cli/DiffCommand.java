package dev.ocisc.cli;

import dev.ocisc.diff.DiffOptions;
import dev.ocisc.diff.Drift;
import dev.ocisc.diff.ImageDiff;
import dev.ocisc.diff.TreeDiff;
import dev.ocisc.failure.ExitCode;
import dev.ocisc.target.Target;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare two artifacts and explain every difference: OCI images (layout directory, "
                + "oci-archive, docker-archive, Nix's whole-archive .tar.gz), directories, Nix store paths, tars "
                + "(plain, gzip, zstd) or any two files.",
                "Exit 0 identical (or identical under --ignore), 1 drift, 2 usage, 3 bad input."})
final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A", description = "What was built: an image (OCI layout directory, "
            + "oci-archive, docker-archive, Nix's .tar.gz), a tar (plain, gzip, zstd), a directory or a store path.")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "What it is compared with, of any of those forms.")
    Path b;

    @Mixin
    DriftOptions drift;

    @Mixin
    ImageOptions image;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        DiffOptions options = drift.diffOptions(Map.of());
        // Two images are compared as images (documents, then layers); an image against a tar or directory by the
        // file system its layers make; anything else as trees.
        boolean imageA = Target.of(a.toString(), null).image().isPresent();
        boolean imageB = Target.of(b.toString(), null).image().isPresent();
        ImageDiff images = new ImageDiff(options, image.readOptions());
        Drift d = imageA && imageB ? images.diff(a, b)
                : imageA ? images.diffImageWithTree(a, b, true)
                : imageB ? images.diffImageWithTree(b, a, false)
                : new TreeDiff(options).diff(a, b);
        ReportOutput.emit(ReportOutput.render(drift.format, d), drift.output, spec.commandLine().getOut());
        return d.clean() ? ExitCode.OK : ExitCode.FOUND;
    }
}
