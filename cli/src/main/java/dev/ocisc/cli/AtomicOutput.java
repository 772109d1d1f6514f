package dev.ocisc.cli;

import dev.ocisc.failure.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a file so that readers see the old content or the whole new content, never a part. The new content goes to
 * a hidden temp file beside the target, named {@code .NAME.ocisc-PID.tmp}, which is renamed over it. A run killed
 * on the way cannot remove its temp file (a shutdown hook does on SIGTERM and Ctrl-C, nothing does on SIGKILL): the
 * next write to the same target removes temp files of that name whose process is gone.
 */
final class AtomicOutput {
    private static final String TEMP_SUFFIX = ".tmp";
    private static final String TEMP_INFIX = ".ocisc-";
    /** Temp files being written now: removed at exit if the run ends before renaming them. */
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> IN_FLIGHT.forEach(AtomicOutput::deleteQuietly),
                "ocisc-temp-cleanup"));
    }

    private AtomicOutput() {
    }

    /** What goes into the file, written to a stream: large outputs need not be held whole first. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    static void write(Path target, byte[] content) {
        write(target, out -> out.write(content));
    }

    static void write(Path target, Content content) {
        Pending p = prepare(target, content);
        try {
            p.commit();
        } finally {
            p.discard();
        }
    }

    /**
     * Writes several files, all or none: each goes to its temp file, the files at the same time (as many as there
     * are cores), and all are renamed into place only once every one is complete. A failure leaves every target
     * as it was; the failure reported is that of the first file in the map's order that failed, whatever order
     * the threads ran in.
     */
    static void writeAll(Map<Path, Content> files) {
        List<Map.Entry<Path, Content>> todo = List.copyOf(files.entrySet());
        List<Pending> prepared = new ArrayList<>();
        int threads = Math.min(todo.size(), Runtime.getRuntime().availableProcessors());
        ExecutorService pool = threads <= 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ocisc-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Pending>> running = new ArrayList<>();
            for (Map.Entry<Path, Content> f : todo) {
                Callable<Pending> task = () -> prepare(f.getKey(), f.getValue());
                running.add(pool != null ? pool.submit(task) : inline(task));
            }
            Throwable failed = null;
            for (Future<Pending> f : running) {
                try {
                    prepared.add(f.get());
                } catch (ExecutionException e) {
                    if (failed == null) {
                        failed = e.getCause();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while writing", e);
                }
            }
            if (failed instanceof RuntimeException r) {
                throw r;
            }
            if (failed instanceof Error e) {
                throw e;
            }
            if (failed != null) {
                throw new IllegalStateException(failed); // prepare() throws no checked exception
            }
            for (Pending p : prepared) {
                p.commit();
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
            prepared.forEach(Pending::discard);
        }
    }

    /** Runs {@code task} on this thread, its outcome as a future's. */
    private static Future<Pending> inline(Callable<Pending> task) {
        try {
            return CompletableFuture.completedFuture(task.call());
        } catch (Exception | Error e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A file written to its temp file, not renamed into place yet; or a device or pipe, written on commit. */
    private record Pending(Path target, Path tmp, Content direct) {
        /** Renames the temp file over the target (or writes into the device). */
        void commit() {
            try {
                if (tmp == null) {
                    // What stands for a descriptor gets appended to: reopening the file that stdout was redirected
                    // to starts at its first byte, and truncating it would lose what else was written there.
                    try (OutputStream out = isDescriptor(target)
                            ? Files.newOutputStream(target, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                            : Files.newOutputStream(target)) {
                        direct.writeTo(out);
                    }
                    return;
                }
                // A report or SBOM is not a secret: keep the mode of the file being replaced, else rw-r--r--.
                Files.setPosixFilePermissions(tmp, Files.exists(target)
                        ? Files.getPosixFilePermissions(target) : PosixFilePermissions.fromString("rw-r--r--"));
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new InvalidInputException(target, "cannot write: " + e.getMessage());
            }
        }

        /** Removes the temp file if it is still there (after a failure, or after the rename: then a no-op). */
        void discard() {
            if (tmp != null) {
                deleteQuietly(tmp);
                IN_FLIGHT.remove(tmp);
            }
        }
    }

    /**
     * Writes {@code content} to a temp file beside the file {@code target} names; what must be written into
     * instead is left to the commit. A symbolic link is written through, never replaced: a link to a regular file
     * has that file replaced (the link stays); {@code /dev/stdout}, {@code /proc/self/fd/N} and their like, a
     * dangling link, a device or a pipe are written into, as a shell's redirection would.
     */
    private static Pending prepare(Path given, Content content) {
        Path target = given;
        boolean link = Files.isSymbolicLink(given);
        if (isDescriptor(given) || (link && !Files.exists(given))
                || (Files.exists(given) && !Files.isRegularFile(given) && !Files.isDirectory(given))) {
            return new Pending(given, null, content);
        }
        if (link) {
            try {
                target = given.toRealPath();
            } catch (IOException e) {
                throw new InvalidInputException(given, "cannot write: " + e.getMessage());
            }
        }
        Path dir = target.toAbsolutePath().getParent();
        String name = target.getFileName().toString();
        Path tmp = dir.resolve("." + name + TEMP_INFIX + ProcessHandle.current().pid() + TEMP_SUFFIX);
        Pending pending = new Pending(target, tmp, null);
        if (!Files.isDirectory(dir)) {
            // A typo in -o makes no tree of directories; the commands check this before any work, too.
            throw new InvalidInputException(target, "cannot write: no such directory " + dir);
        }
        try {
            removeStale(dir, name);
            IN_FLIGHT.add(tmp);
            // Owner-only while written; this process's own name, so one left here by a dead process of the same
            // number is replaced.
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.writeTo(out);
            }
            return pending;
        } catch (IOException e) {
            pending.discard();
            throw new InvalidInputException(target, "cannot write: " + e.getMessage());
        } catch (RuntimeException | Error e) {
            pending.discard();
            throw e;
        }
    }

    /**
     * Removes the temp files of earlier runs that wrote {@code name} in {@code dir} and are gone: regular files of
     * ocisc's own naming whose process number no running process has. Another run's file, still being written,
     * is left alone.
     */
    private static void removeStale(Path dir, String name) throws IOException {
        String prefix = "." + name + TEMP_INFIX;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path p : entries) {
                String f = p.getFileName().toString();
                String pid = f.endsWith(TEMP_SUFFIX) ? f.substring(prefix.length(), f.length() - TEMP_SUFFIX.length())
                        : "";
                boolean ours = pid.matches("[0-9]{1,18}");
                if (ours && ProcessHandle.of(Long.parseLong(pid)).isEmpty()
                        && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    deleteQuietly(p);
                }
            }
        }
    }

    /**
     * Whether {@code p} is under {@code /dev} or {@code /proc}: {@code /dev/stdout}, {@code /dev/fd/N},
     * {@code /proc/self/fd/N}, {@code /dev/null}. Such a path stands for a descriptor or a device, whatever its link
     * resolves to, and is written into, never replaced.
     */
    private static boolean isDescriptor(Path p) {
        Path absolute = p.toAbsolutePath().normalize();
        return absolute.startsWith("/dev") || absolute.startsWith("/proc");
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the temp file is hidden and named after the target, and the next write tries again
        }
    }
}
