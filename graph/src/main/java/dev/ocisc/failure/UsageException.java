package dev.ocisc.failure;

/** A command line that cannot work, found after parsing (e.g. two formats to stdout). Exit code 2. */
public final class UsageException extends Failure {
    public UsageException(String message) {
        super(message);
    }

    @Override
    public int exitCode() {
        return ExitCode.USAGE;
    }
}
