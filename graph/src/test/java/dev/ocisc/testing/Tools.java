package dev.ocisc.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * External tools that tests run (nix, umoci, skopeo, python3 with securesystemslib, ...). When
 * OCISC_REQUIRE_TOOLS=1 (set by .ci/run) a missing tool fails the test; elsewhere the test is skipped.
 */
public final class Tools {
    private Tools() {
    }

    public static boolean required() {
        return "1".equals(System.getenv("OCISC_REQUIRE_TOOLS"));
    }

    /** Fails (in CI) or skips (elsewhere) unless {@code program} is on the PATH. */
    public static void require(String program) {
        if (which(program) == null) {
            String msg = program + " is not installed; .ci/run installs it";
            if (required()) {
                fail(msg + " (OCISC_REQUIRE_TOOLS=1)");
            }
            Assumptions.abort(msg);
        }
    }

    /**
     * {@link #require(String)}, and that it runs: {@code program args} exits 0 (a rustup shim with no toolchain
     * chosen is on the PATH and runs nothing).
     */
    public static void requireRunning(String program, String... args) {
        require(program);
        List<String> cmd = new ArrayList<>(List.of(program));
        cmd.addAll(List.of(args));
        Result r = run(new ProcessBuilder(cmd), java.time.Duration.ofMinutes(1));
        if (r.exitCode() != 0) {
            missing(program + " is on the PATH but does not run (" + String.join(" ", cmd) + " exited "
                    + r.exitCode() + ": " + r.stderr().strip().lines().findFirst().orElse("") + ")");
        }
    }

    /**
     * Fails (in CI) or skips (elsewhere) unless {@code path} exists: a file that a Debian package or {@code npm ci}
     * installs, which {@code installedBy} names.
     */
    public static void requirePath(Path path, String installedBy) {
        if (!Files.exists(path)) {
            missing(path + " is missing; " + installedBy + " (.ci/run installs it)");
        }
    }

    private static void missing(String msg) {
        if (required()) {
            fail(msg + " (OCISC_REQUIRE_TOOLS=1)");
        }
        Assumptions.abort(msg);
    }

    public static Path which(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** The result of a finished process. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs a command, waits up to 10 minutes, and returns what it printed. */
    public static Result run(Path dir, String... command) {
        return run(dir, List.of(command));
    }

    public static Result run(Path dir, List<String> command) {
        return run(new ProcessBuilder(new ArrayList<>(command)).directory(dir == null ? null : dir.toFile()));
    }

    /** Runs a prepared process (its own environment, say), waits up to 10 minutes, and returns what it printed. */
    public static Result run(ProcessBuilder pb) {
        return run(pb, java.time.Duration.ofMinutes(10));
    }

    /** Runs a prepared process; one still running after {@code limit} is killed and the test fails. */
    public static Result run(ProcessBuilder pb, java.time.Duration limit) {
        try {
            Path out = Files.createTempFile("ocisc-test", ".out");
            Path err = Files.createTempFile("ocisc-test", ".err");
            try {
                Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor();
                    fail("still running after " + limit.toSeconds() + " s: " + pb.command());
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command that must succeed; returns its stdout. */
    public static String check(Path dir, String... command) {
        Result r = run(dir, command);
        if (r.exitCode() != 0) {
            fail(String.join(" ", command) + " exited " + r.exitCode() + ": " + r.stderr());
        }
        return r.stdout();
    }
}
