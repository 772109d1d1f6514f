package dev.ocisc.graph;

/** An external program (nix, a build command) is missing or failed. The CLI maps it to exit code 4. */
public class ExternalToolException extends RuntimeException {
    public ExternalToolException(String message) {
        super(message);
    }

    public ExternalToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
