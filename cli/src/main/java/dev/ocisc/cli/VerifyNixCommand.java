package dev.ocisc.cli;

import dev.ocisc.failure.UsageException;
import dev.ocisc.rebuild.NixCheck;
import dev.ocisc.rebuild.NixCheckReport;
import dev.ocisc.target.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "nix", mixinStandardHelpOptions = true,
        description = {"Rebuild a Nix derivation with nix-build --check -K and explain any difference between the "
                + "output and the kept <out>.check.",
                "Exit 0 reproducible, 1 not reproducible (or --exit-code N), 2 usage, 3 bad target (or its outputs are not built), 4 nix failed."})
final class VerifyNixCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TARGET", description = "A .drv, a store path or a result link.")
    String target;

    @Option(names = "--recursive", description = "Check every derivation of the build closure whose outputs are "
            + "valid locally; summarise reproducible, not reproducible and not checked.")
    boolean recursive;

    @Option(names = "--nix-option", paramLabel = "NAME=VALUE",
            description = "Passed to nix-build as --option NAME VALUE (e.g. sandbox=false); repeatable.")
    List<String> nixOptions = new ArrayList<>();

    @Mixin
    DriftOptions drift;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var destinations = drift.destinations();
        Console console = Main.of(spec).console();
        Wanted.NIX.check("verify nix", Target.of(target, null));
        List<String> opts = new ArrayList<>();
        for (String o : nixOptions) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--nix-option takes NAME=VALUE, got '" + o + "'");
            }
            opts.addAll(List.of("--option", o.substring(0, eq), o.substring(eq + 1)));
        }
        List<NixCheck.Outcome> outcomes = new NixCheck(drift.diffOptions(Map.of()), opts)
                .run(target, recursive, line -> console.info("ocisc: " + line));
        ReportOutput.emitAll(destinations, f -> out -> NixCheckReport.forFormat(f).write(outcomes, out),
                spec.commandLine().getOut(), console);
        return drift.exit.of(NixCheck.reproducible(outcomes));
    }
}
