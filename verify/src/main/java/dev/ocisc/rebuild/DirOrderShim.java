package dev.ocisc.rebuild;

import dev.ocisc.failure.ExternalToolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code dirorder} variation: an LD_PRELOAD library (source {@code dirorder.c}, a resource beside this class)
 * that makes readdir return every directory's entries in reverse order. disorderfs does this as a FUSE file
 * system, which needs /dev/fuse and privileges a CI container rarely has; a preloaded shim needs only a C
 * compiler, so it is compiled here, at run time, for the machine that runs the build.
 */
final class DirOrderShim {
    static final String SOURCE = "dirorder.c";
    /** Tried in this order: {@code cc} is the system's default compiler, {@code gcc} the usual one. */
    static final List<String> COMPILERS = List.of("cc", "gcc");

    private DirOrderShim() {
    }

    /** The first C compiler on the PATH, or null. */
    static String compiler() {
        return COMPILERS.stream().filter(ProcessRunner::onPath).findFirst().orElse(null);
    }

    /**
     * Compiles the shim into {@code dir} and returns the library's path. A missing compiler or a failed compile
     * is an {@link ExternalToolException} (exit 4): asked to vary the directory order, a run that silently did not
     * would call an order-dependent build reproducible.
     */
    static Path build(Path dir) {
        String cc = compiler();
        if (cc == null) {
            throw new ExternalToolException("variation dirorder needs a C compiler (cc or gcc) to build its readdir "
                    + "shim, and none is on the PATH (apt-get install gcc)");
        }
        Path src = dir.resolve(SOURCE);
        Path lib = dir.resolve("libocisc-dirorder.so");
        try (InputStream in = DirOrderShim.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SOURCE + " is missing from the jar");
            }
            Files.createDirectories(dir);
            Files.copy(in, src);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessRunner.Result r = ProcessRunner.run(List.of(cc, "-O2", "-shared", "-fPIC", "-o", lib.toString(),
                src.toString(), "-ldl", "-lpthread"), dir, Map.of(), false);
        if (r.exitCode() != 0 || !Files.isRegularFile(lib)) {
            String err = r.stderr().strip();
            throw new ExternalToolException("variation dirorder: " + cc + " could not compile the readdir shim: "
                    + (err.isEmpty() ? "exit " + r.exitCode() : err.lines().reduce((a, b) -> b).orElse(err)));
        }
        return lib;
    }

    /** LD_PRELOAD with the shim first, keeping what the caller preloads already. */
    static String preload(Path lib, String existing) {
        return existing == null || existing.isEmpty() ? lib.toString() : lib + ":" + existing;
    }
}
