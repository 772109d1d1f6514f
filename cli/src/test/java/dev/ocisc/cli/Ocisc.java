package dev.ocisc.cli;

import dev.ocisc.testing.Tools;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the built {@code ocisc.jar} as a separate process, the way users and CI jobs run it. */
final class Ocisc {
    private Ocisc() {
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("ocisc.root"), "cli/target/ocisc.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("run through `mvn verify`: the jar is built before *IT tests");
        }
        return jar;
    }

    /** Runs ocisc in this JVM ({@link Main#run}): for tests that run it many times on inputs made to hurt. */
    static Tools.Result inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Tools.Result(rc, out.toString(), err.toString());
    }

    /** Runs in this JVM with {@code env} as the whole environment and {@code stdin} as standard input. */
    static Tools.Result inProcess(Map<String, String> env, byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(args, new PrintWriter(out), new PrintWriter(err), env,
                new java.io.ByteArrayInputStream(stdin), false);
        return new Tools.Result(rc, out.toString(), err.toString());
    }

    static Tools.Result run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs with extra environment variables; a value of null removes the variable. */
    static Tools.Result run(Map<String, String> env, String... args) {
        return Tools.run(process(env, List.of(), args));
    }

    /** Runs with {@code stdin} redirected from a file and extra environment variables (null removes one). */
    static Tools.Result runWithStdin(Path stdin, Map<String, String> env, String... args) {
        return Tools.run(process(env, List.of(), args).redirectInput(stdin.toFile()));
    }

    /**
     * Runs in a JVM given {@code jvmOptions} ({@code -Xmx64m}: a blow-up shows as an OutOfMemoryError, not as a
     * slow machine), killed after {@code limit}.
     */
    static Tools.Result runBounded(java.time.Duration limit, List<String> jvmOptions, String... args) {
        return Tools.run(process(Map.of(), jvmOptions, args), limit);
    }

    /** Runs, failing the test when ocisc takes longer than {@code limit}: for inputs made to hang it. */
    static Tools.Result runWithin(java.time.Duration limit, String... args) {
        return runBounded(limit, List.of(), args);
    }

    private static ProcessBuilder process(Map<String, String> env, List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("SOURCE_DATE_EPOCH");
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        return pb;
    }
}
