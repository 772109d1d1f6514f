package dev.ocisc.cli;

import dev.ocisc.progress.Progress;
import dev.ocisc.rebuild.Rebuild;
import dev.ocisc.rebuild.RebuildReport;
import dev.ocisc.rebuild.Variation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = {"Run a build several times in fresh directories under varied conditions and compare the "
                + "artifact by digest; explain mismatches.",
                "Exit 0 reproducible, 1 drift (or --exit-code N), 2 usage, 3 no artifact, 4 the build failed."})
final class VerifyRebuildCommand implements Callable<Integer> {
    @Option(names = "--runs", defaultValue = "2", description = "Number of builds (at least 2; default 2).")
    int runs;

    @Option(names = "--vary", split = ",", paramLabel = "VARIATION[,VARIATION...]", hideParamSyntax = true,
            description = "Variations: time, tz, locale, umask, path, home, hostname, dirorder (default: all).")
    List<Variation> vary = new ArrayList<>();

    @Option(names = "--artifact", required = true, paramLabel = "PATH",
            description = "The build's output, relative to the build directory (file or directory).")
    String artifact;

    @Option(names = "--source", paramLabel = "DIR", defaultValue = ".",
            description = "Copied into each fresh build directory (default: the current directory).")
    Path source;

    @Option(names = "--bisect", description = "Vary one property at a time and name which causes which drift.")
    boolean bisect;

    @Parameters(paramLabel = "CMD", arity = "1..*", description = "The build command (after --).")
    List<String> command = new ArrayList<>();

    @Mixin
    DriftOptions drift;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Set<Variation> variations = vary.isEmpty() ? EnumSet.noneOf(Variation.class) : EnumSet.copyOf(vary);
        var destinations = drift.destinations();
        Console console = Main.of(spec).console();
        Progress progress = Main.progress(spec);
        // A bar shows which run is under way itself; a line printed under it would break it.
        Consumer<String> notes = progress == Progress.NONE ? s -> console.info("ocisc: " + s) : s -> { };
        Rebuild.Result r = new Rebuild(drift.diffOptions(Map.of()), notes, progress)
                .run(new Rebuild.Plan(command, source.toAbsolutePath(), artifact, runs, variations, bisect));
        r.notApplied().forEach((v, why) -> console.warn("variation " + v.id() + " not applied: " + why));
        ReportOutput.emitAll(destinations, f -> out -> RebuildReport.forFormat(f).write(r, bisect, out),
                spec.commandLine().getOut(), console);
        return drift.exit.of(r.reproducible());
    }
}
