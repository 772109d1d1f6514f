package dev.ocisc.cli;

import dev.ocisc.progress.Progress;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Whether long work is shown, as progress bars on stderr: only when stderr is a terminal, never with
 * {@code --quiet}, never on stdout. Decided here, before the progress bar library is loaded: progressbar draws
 * to stderr whatever it is (a pipe or a log file would collect its carriage returns), and JLine's only provider
 * on this class path asks by running {@code test -t} and {@code tty} as processes. Loading either when nothing is
 * shown would also cost every run's start.
 */
final class ProgressDisplay {
    private ProgressDisplay() {
    }

    /**
     * Bars on stderr when the console allows them (a terminal, no {@code --quiet}) and the terminal can draw
     * them; otherwise nothing at all.
     */
    static Progress forStderr(Console console) {
        if (!console.progress()) {
            return Progress.NONE;
        }
        Path tty = terminal(System.getenv("TERM"), Path.of("/proc/self/fd/2"));
        if (tty == null) {
            return Progress.NONE;
        }
        Charset cs = charset(System.getProperty("native.encoding"));
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), false, cs);
        return new ProgressBars(err, columns(tty, System.getenv("COLUMNS")), cs.equals(StandardCharsets.UTF_8));
    }

    /**
     * The terminal device that file descriptor link {@code fd} ({@code /proc/self/fd/2}) points to, or null when
     * it is anything else (a pipe, a file, no such link: not Linux) or the terminal cannot draw ({@code TERM}
     * unset or {@code dumb}, as Emacs shells and CI runners set it).
     */
    static Path terminal(String term, Path fd) {
        if (term == null || term.isEmpty() || term.equals("dumb")) {
            return null;
        }
        return Console.device(fd);
    }

    /** The terminal's width: {@code COLUMNS} when the shell exports it, else what {@code stty} says, else 80. */
    static int columns(Path tty, String columnsVariable) {
        int n = positive(columnsVariable);
        if (n > 0) {
            return n;
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(tty.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (p.waitFor() == 0 && out.indexOf(' ') > 0) {
                n = positive(out.substring(out.indexOf(' ') + 1));
            }
        } catch (IOException e) {
            // no stty: the common width
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return n > 0 ? n : 80;
    }

    /** The terminal's encoding, as the JVM took it from the locale; UTF-8 when it names none Java knows. */
    private static Charset charset(String name) {
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static int positive(String s) {
        try {
            return s == null ? -1 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
