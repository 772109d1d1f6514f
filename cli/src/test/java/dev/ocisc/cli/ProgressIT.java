package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.testing.NixTruth;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress bars on a real terminal: the CLI runs under util-linux's {@code script}, which gives it a
 * pseudo-terminal as stderr while its stdout goes to a file. The bar is drawn there and only there: not on stdout
 * (byte-identical to a run without a terminal), not into a pipe, not with --quiet; and without a terminal the
 * progress bar library is not even loaded.
 */
class ProgressIT {
    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        Tools.require("script");
    }

    /** What a run wrote: stdout (to a file) and what reached stderr (the terminal, or a file when there is none). */
    private record Run(int exitCode, byte[] stdout, String stderr) {
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private String command(List<String> jvm, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", Ocisc.jar().toString()));
        cmd.addAll(List.of(args));
        return String.join(" ", cmd.stream().map(ProgressIT::quote).toList());
    }

    /** Runs with a pseudo-terminal as stdin and stderr (TERM=xterm, 100 columns) and stdout to a file. */
    private Run onTerminal(List<String> jvm, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "out", "");
        ProcessBuilder pb = new ProcessBuilder("script", "-qfec", command(jvm, args) + " > " + quote(out.toString()),
                "/dev/null");
        pb.environment().put("TERM", "xterm");
        pb.environment().put("COLUMNS", "100");
        pb.environment().remove("SOURCE_DATE_EPOCH");
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Tools.Result r = Tools.run(pb);
        return new Run(r.exitCode(), Files.readAllBytes(out), r.stdout());
    }

    /** Runs as a CI job does: stdout and stderr to files, TERM set all the same. */
    private Run piped(List<String> jvm, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "out", "");
        Path err = Files.createTempFile(dir, "err", "");
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "exec " + command(jvm, args) + " > " + quote(out.toString())
                + " 2> " + quote(err.toString()));
        pb.environment().put("TERM", "xterm");
        pb.environment().remove("SOURCE_DATE_EPOCH");
        Tools.Result r = Tools.run(pb);
        return new Run(r.exitCode(), Files.readAllBytes(out), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static void assertNoTerminalControl(String stderr) {
        assertFalse(stderr.contains("\u001b"), "an escape byte: " + stderr);
        assertFalse(stderr.contains("\r"), "a carriage return: " + stderr);
    }

    @Test
    void anImageSbomShowsABarOnTheTerminalOnly() throws Exception {
        String image = TestData.path("oci/nix-greeter.tar").toString();
        Run tty = onTerminal(List.of(), "sbom", image, "-f", "cyclonedx-json");
        Run pipe = piped(List.of(), "sbom", image, "-f", "cyclonedx-json");
        assertEquals(0, tty.exitCode(), tty.stderr());
        assertEquals(0, pipe.exitCode(), pipe.stderr());
        assertTrue(tty.stderr().contains("\rreading image"), "a bar on the terminal: " + tty.stderr());
        assertTrue(tty.stderr().contains(" MiB"), tty.stderr());
        assertTrue(tty.stderr().endsWith("\r" + " ".repeat(99) + "\r"), "the line is left blank: " + tty.stderr());
        assertTrue(pipe.stdout().length > 1000, "an SBOM was written");
        assertEquals(-1, java.util.Arrays.mismatch(tty.stdout(), pipe.stdout()), "stdout is the same bytes");
        assertEquals("", pipe.stderr(), "nothing on a piped stderr");
    }

    @Test
    void quietDrawsNothingOnTheTerminal() throws Exception {
        String image = TestData.path("oci/nix-greeter.tar").toString();
        Run quiet = onTerminal(List.of(), "--quiet", "sbom", image, "-f", "cyclonedx-json");
        assertEquals(0, quiet.exitCode(), quiet.stderr());
        assertEquals("", quiet.stderr());
        Run after = onTerminal(List.of(), "sbom", image, "-f", "cyclonedx-json", "-q");
        assertEquals("", after.stderr(), "--quiet after the command");
        assertTrue(quiet.stdout().length > 1000);
    }

    @Test
    void aBuildClosureShowsDerivationsRead() throws Exception {
        String[] args = {"graph", NixTruth.drvPath(), "--store", TestData.nixStore().toString(), "--buildtime",
                "-f", "json"};
        Run tty = onTerminal(List.of(), args);
        Run pipe = piped(List.of(), args);
        assertEquals(0, tty.exitCode(), tty.stderr());
        assertTrue(tty.stderr().contains("\rreading derivations"), tty.stderr());
        assertEquals(-1, java.util.Arrays.mismatch(tty.stdout(), pipe.stdout()), "stdout is the same bytes");
        assertNoTerminalControl(pipe.stderr());
        assertEquals("", pipe.stderr());
    }

    /** A rebuild's runs are counted on the bar, which says which run is under way instead of a line per run. */
    @Test
    void aRebuildShowsItsRuns() throws Exception {
        String[] args = {"verify", "rebuild", "--runs", "2", "--vary", "umask", "--artifact", "artifact.tar",
                "--source", TestData.path("diff/rebuild").toString(), "--", "sh", "build.sh"};
        Run tty = onTerminal(List.of(), args);
        Run pipe = piped(List.of(), args);
        assertEquals(1, tty.exitCode(), "umask drifts: " + tty.stderr());
        assertEquals(1, pipe.exitCode(), pipe.stderr());
        assertTrue(tty.stderr().contains("\rrebuild runs"), tty.stderr());
        assertFalse(tty.stderr().contains("ocisc: run 1/2"), tty.stderr());
        assertTrue(pipe.stderr().contains("ocisc: run 1/2 (control)\n"), "lines where there is no bar: "
                + pipe.stderr());
        assertNoTerminalControl(pipe.stderr());
    }

    /**
     * Without a terminal the progress bar library and JLine are never loaded (they would cost every run's start);
     * on a terminal they are, which shows the check can see them.
     */
    @Test
    void theLibraryIsOnlyLoadedForATerminal() throws Exception {
        String image = TestData.path("oci/nix-greeter.tar").toString();
        List<String> log = List.of("-Xlog:class+load=info:file=" + dir.resolve("classes.log"));
        Run pipe = piped(log, "sbom", image, "-f", "cyclonedx-json");
        assertEquals(0, pipe.exitCode(), pipe.stderr());
        String piped = Files.readString(dir.resolve("classes.log"));
        assertTrue(piped.contains("dev.ocisc.cli.ProgressDisplay"), "the log lists ocisc's classes");
        assertFalse(piped.contains("me.tongfei."), "progressbar loaded without a terminal");
        assertFalse(piped.contains("org.jline."), "JLine loaded without a terminal");
        Run tty = onTerminal(log, "sbom", image, "-f", "cyclonedx-json");
        assertEquals(0, tty.exitCode(), tty.stderr());
        assertTrue(Files.readString(dir.resolve("classes.log")).contains("me.tongfei.progressbar.ProgressBar "));
    }
}
