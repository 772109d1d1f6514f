package dev.ocisc.failure;

import java.nio.file.Path;

/**
 * Input that ocisc cannot use: unreadable, malformed, or not what the command expects. Exit code 3; the message
 * is one line that names the file and what is wrong.
 */
public final class InvalidInputException extends Failure {
    private final String source;

    public InvalidInputException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    public InvalidInputException(Path source, String problem) {
        this(String.valueOf(source), problem);
    }

    public InvalidInputException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    private InvalidInputException(String source, String sentence, boolean worded) {
        super(sentence);
        this.source = source;
    }

    /**
     * Reading {@code file} failed: a line that names it once ("no such file", "permission denied", or the system's
     * reason), where {@code "cannot read: " + e.getMessage()} would name it twice.
     */
    public static InvalidInputException unreadable(Path file, java.io.IOException e) {
        String why;
        if (e instanceof java.nio.file.NoSuchFileException) {
            why = "no such file";
        } else if (e instanceof java.nio.file.AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            why = "cannot read: " + f.getReason();
        } else {
            why = "cannot read: " + e.getMessage();
        }
        return new InvalidInputException(String.valueOf(file), why, e);
    }

    /** For a sentence that names its source itself ("no Nix store at ROOT"), where "source: " would repeat it. */
    public static InvalidInputException worded(String source, String sentence) {
        return new InvalidInputException(source, sentence, true);
    }

    @Override
    public int exitCode() {
        return ExitCode.BAD_INPUT;
    }

    /** The file, store path or argument the problem was found in. */
    public String source() {
        return source;
    }
}
