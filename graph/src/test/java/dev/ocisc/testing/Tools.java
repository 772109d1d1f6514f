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

    /** Runs a prepared process and returns what it printed; fails the test if it runs longer than {@code limit}. */
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
