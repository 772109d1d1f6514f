package dev.ocisc.failure;

/** An external program (nix, a build command) is missing or failed. Exit code 4. */
public final class ExternalToolException extends Failure {
    public ExternalToolException(String message) {
        super(message);
    }

    public ExternalToolException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return ExitCode.TOOL_FAILED;
    }
}
