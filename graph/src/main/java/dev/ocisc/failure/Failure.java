package dev.ocisc.failure;

/**
 * Why a command could not do its work, with the exit code that says so (DESIGN.md). The message is one line that
 * names the file, argument or tool concerned; the CLI prints it as it is, and its exit-code mapper reads
 * {@link #exitCode()}, so a new failure needs no change there.
 */
public abstract sealed class Failure extends RuntimeException
        permits UsageException, InvalidInputException, ExternalToolException {
    Failure(String message) {
        super(message);
    }

    Failure(String message, Throwable cause) {
        super(message, cause);
    }

    /** The process's exit code when this failure ends a command: one of {@link ExitCode}'s. */
    public abstract int exitCode();
}
