package dev.ocisc.cli;

import dev.ocisc.diff.Drift;
import dev.ocisc.diff.TreeDiff;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare two artifacts and explain every difference: directories, Nix store paths, tars "
                + "(plain, gzip, zstd) or any two files.",
                "Exit 0 identical (or identical under --ignore), 1 drift, 2 usage, 3 bad input."})
final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A")
    Path a;

    @Parameters(index = "1", paramLabel = "B")
    Path b;

    @Mixin
    DriftOptions drift;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Drift d = new TreeDiff(drift.diffOptions(Map.of())).diff(a, b);
        DriftOutput.emit(DriftOutput.render(drift.format, d), drift.output, spec.commandLine().getOut());
        return d.clean() ? ExitCode.OK : ExitCode.FOUND;
    }
}
