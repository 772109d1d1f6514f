package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.progress.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When progress is shown (stderr a terminal that can draw, no --quiet) and what a bar writes. */
class ProgressDisplayTest {
    @TempDir
    Path dir;

    private Path fd(String target) throws Exception {
        return Files.createSymbolicLink(dir.resolve("2"), Path.of(target));
    }

    @Test
    void aTerminalDeviceIsATerminal() throws Exception {
        Path fd = fd("/dev/pts/7");
        assertEquals(Path.of("/dev/pts/7"), ProgressDisplay.terminal("xterm-256color", fd));
    }

    /** A pipe, a file or no link at all (not Linux): nothing is drawn. */
    @Test
    void pipesFilesAndUnknownsAreNot() throws Exception {
        assertNull(ProgressDisplay.terminal("xterm", fd("pipe:[123456]")));
        Files.delete(dir.resolve("2"));
        assertNull(ProgressDisplay.terminal("xterm", fd("/tmp/ocisc.log")));
        assertNull(ProgressDisplay.terminal("xterm", dir.resolve("missing")));
        Path plain = Files.writeString(dir.resolve("plain"), "");
        assertNull(ProgressDisplay.terminal("xterm", plain));
    }

    /** A terminal that cannot draw says so in TERM: unset, empty or dumb. */
    @Test
    void aDumbTerminalIsNot() throws Exception {
        Path fd = fd("/dev/pts/7");
        assertNull(ProgressDisplay.terminal(null, fd));
        assertNull(ProgressDisplay.terminal("", fd));
        assertNull(ProgressDisplay.terminal("dumb", fd));
    }

    private static Console console(Console.Verbosity verbosity, boolean terminal) {
        return new Console(verbosity, terminal, new java.io.PrintWriter(java.io.Writer.nullWriter()));
    }

    @Test
    void quietShowsNothing() {
        assertSame(Progress.NONE, ProgressDisplay.forStderr(console(Console.Verbosity.QUIET, true)));
    }

    /**
     * Nothing where the console says stderr is no terminal; and where it says one is, the device is checked
     * again: this JVM's stderr is Surefire's pipe.
     */
    @Test
    void aPipedStderrShowsNothing() {
        assertSame(Progress.NONE, ProgressDisplay.forStderr(console(Console.Verbosity.NORMAL, false)));
        assertSame(Progress.NONE, ProgressDisplay.forStderr(console(Console.Verbosity.NORMAL, true)));
    }

    @Test
    void columnsComeFromTheShellWhenItExportsThem() {
        assertEquals(132, ProgressDisplay.columns(Path.of("/dev/null"), "132"));
        // /dev/null is no terminal: stty fails, and the common width is taken
        assertEquals(80, ProgressDisplay.columns(Path.of("/dev/null"), "wide"));
    }

    /**
     * A bar redraws one line in place (a carriage return, the line padded to the width) and leaves it blank when
     * done; work started while it is up joins it. No escape sequence, no newline.
     */
    @Test
    void aBarRedrawsOneLineAndClearsIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBars bars = new ProgressBars(new PrintStream(bytes, true, StandardCharsets.UTF_8), 60, false);
        try (Progress.Task first = bars.start("reading image", 4 << 20, Progress.Unit.BYTES);
                Progress.Task second = bars.start("reading image", 4 << 20, Progress.Unit.BYTES)) {
            first.advance(3 << 20);
            second.advance(1 << 20);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("\rreading image"), out);
        assertTrue(out.contains("/8 MiB"), "the second task joined the first's bar: " + out);
        assertTrue(out.contains("4/8 MiB"), "the last state is drawn: " + out);
        assertTrue(out.endsWith("\r" + " ".repeat(59) + "\r"), "cleared at the end: " + out);
        assertFalse(out.contains("\u001b") || out.contains("\n"), out);
        for (String line : out.split("\r")) {
            assertTrue(line.isEmpty() || line.length() == 59, "padded to the width: [" + line + "]");
        }
    }
}
