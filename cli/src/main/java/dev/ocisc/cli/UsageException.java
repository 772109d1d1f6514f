package dev.ocisc.cli;

/** A command line that cannot work, found after parsing (e.g. two formats to stdout). Exit code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
