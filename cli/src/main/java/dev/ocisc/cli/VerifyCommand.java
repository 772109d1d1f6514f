package dev.ocisc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Rebuild and byte-compare Nix derivations (nix) or any build command (rebuild); the release "
                + "gate for an image (image).",
        subcommands = {VerifyNixCommand.class, VerifyRebuildCommand.class, VerifyImageCommand.class})
final class VerifyCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: nix, rebuild or image");
    }
}
