package dev.ocisc.cli;

import dev.ocisc.diff.ArtifactDiff;
import dev.ocisc.diff.Drift;
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
                "Exit 0 identical (or identical under --ignore), 1 drift (or --exit-code N), 2 usage, 3 bad input."})
final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A", description = "What was built: an image (OCI layout directory, "
            + "oci-archive, docker-archive, Nix's .tar.gz, or a registry reference), a tar (plain, gzip, zstd), a "
            + "directory or a store path.")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "What it is compared with, of any of those forms.")
    String b;

    @Mixin
    DriftOptions drift;

    @Mixin
    ImageOptions image;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var destinations = drift.destinations();
        Console console = Main.of(spec).console();
        console.verbose("comparing " + a + " with " + b);
        Drift d = console.stage("compare", () -> ArtifactDiff.diff(a, b, drift.diffOptions(Map.of()),
                image.readOptions()));
        ReportOutput.emitAll(destinations, f -> o -> dev.ocisc.diff.ReportWriter.forFormat(f).write(d, o),
                spec.commandLine().getOut(), console);
        return drift.exit.of(d.clean());
    }
}
