package dev.ocisc.cli;

import dev.ocisc.text.ReportText;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What a run may say on stderr besides its errors, and whether stderr is a terminal: the root command's
 * {@code --quiet} and {@code -v}, handed to each command (never a static). Standard output carries only reports;
 * everything here goes to stderr. A progress bar asks {@link #progress()} before drawing anything.
 */
record Console(Verbosity verbosity, boolean terminal, PrintWriter err) implements dev.ocisc.progress.Narration {
    /** How much is said: errors only, errors, notes and warnings, or also what is read and how long it took. */
    enum Verbosity { QUIET, NORMAL, VERBOSE }

    /** A line about the outcome ("wrote FILE (...)", a note): said unless {@code --quiet}. */
    void info(String line) {
        if (verbosity != Verbosity.QUIET) {
            err.println(line);
        }
    }

    /** A warning; its text may quote input, so it is made one safe line. Said unless {@code --quiet}. */
    @Override
    public void warn(String text) {
        info("ocisc: warning: " + ReportText.line(text));
    }

    /** What is being read and from where: said with {@code -v} only. */
    @Override
    public void verbose(String text) {
        if (verbosity == Verbosity.VERBOSE) {
            err.println("ocisc: " + ReportText.line(text));
        }
    }

    /** Runs one stage of the work; with {@code -v}, says how long it took. */
    @Override
    public <T> T stage(String what, Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        verbose(what + ": " + (System.nanoTime() - start) / 1_000_000 + " ms");
        return result;
    }

    /** Whether a progress bar may be drawn: stderr is a terminal and the user did not ask for quiet. */
    boolean progress() {
        return terminal && verbosity != Verbosity.QUIET;
    }

    /**
     * Whether this process's stderr is a terminal. Java tells only whether stdin and stdout both are
     * ({@code System.console()}); on Linux, fd 2 is a terminal when it links to a tty or pty device.
     */
    static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        return Files.exists(fd, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? device(fd) != null
                : System.console() != null;
    }

    /** The tty or pty device that a file descriptor link ({@code /proc/self/fd/N}) points to, else null. */
    static Path device(Path fd) {
        try {
            Path target = Files.readSymbolicLink(fd);
            String s = target.toString();
            return s.startsWith("/dev/pts/") || s.startsWith("/dev/tty") ? target : null;
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }
}
