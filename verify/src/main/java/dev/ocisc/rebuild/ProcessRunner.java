package dev.ocisc.rebuild;

import dev.ocisc.failure.ExternalToolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs an external program to completion, capturing its output in files (no pipe can fill up and block). */
final class ProcessRunner {
    private ProcessRunner() {
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    static Result run(List<String> command, Path dir, Map<String, String> env, boolean clearEnv) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("ocisc-run", ".out");
            err = Files.createTempFile("ocisc-run", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            if (clearEnv) {
                pb.environment().clear();
            }
            pb.environment().putAll(env);
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new ExternalToolException(command.get(0) + ": cannot run: " + e.getMessage(), e);
            }
            int rc = p.waitFor();
            return new Result(rc, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ExternalToolException("running " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExternalToolException("interrupted while running " + command.get(0), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }
}
