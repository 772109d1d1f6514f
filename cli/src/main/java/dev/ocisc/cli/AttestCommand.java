package dev.ocisc.cli;

import picocli.CommandLine.Command;

/** {@code ocisc attest}: commands about signed attestations. */
@Command(name = "attest", mixinStandardHelpOptions = true, description = "Work with signed attestations.",
        subcommands = {AttestAttachCommand.class, AttestVerifyCommand.class})
final class AttestCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand (try: attest attach, attest verify)");
    }
}
