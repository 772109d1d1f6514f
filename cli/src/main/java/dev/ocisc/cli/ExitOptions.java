package dev.ocisc.cli;

import dev.ocisc.failure.ExitCode;
import dev.ocisc.failure.UsageException;
import picocli.CommandLine.Option;

/**
 * What a check's failure ends the process with, shared by every gate (diff, verify nix, verify rebuild, verify image,
 * attest verify): trivy's {@code --exit-code}. {@code --exit-code 0} writes the report and lets the job go on.
 */
final class ExitOptions {
    @Option(names = "--exit-code", paramLabel = "N",
            description = "Exit code when the check fails (default 1); 0 reports without failing the job. 2, 3, 4 "
                    + "and 70 keep their meaning (usage, bad input, tool failed, internal error). Default: $OCISC_EXIT_CODE.")
    Integer exitCode;

    /** The exit code of a run whose check {@code passed} or not. */
    int of(boolean passed) {
        int failed = failed();
        return passed ? ExitCode.OK : failed;
    }

    private int failed() {
        if (exitCode == null) {
            return ExitCode.FOUND;
        }
        if (exitCode < 0 || exitCode > 125 || exitCode == ExitCode.USAGE || exitCode == ExitCode.BAD_INPUT
                || exitCode == ExitCode.TOOL_FAILED || exitCode == ExitCode.INTERNAL) {
            throw new UsageException("--exit-code takes 0 to 125 but not 2, 3, 4 or 70 (usage, bad input, a "
                    + "failed tool, internal error); got " + exitCode);
        }
        return exitCode;
    }

    /** Checks the value before any work, so a mistake is not found only after a long check. */
    void validate() {
        failed();
    }
}
