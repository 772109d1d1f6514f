package dev.ocisc.rebuild;

import dev.ocisc.diff.DiffOptions;
import dev.ocisc.diff.Drift;
import dev.ocisc.diff.DriftClass;
import dev.ocisc.diff.TreeDiff;
import dev.ocisc.diff.TreeReader;
import dev.ocisc.failure.ExternalToolException;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.failure.UsageException;
import dev.ocisc.progress.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Builds the same source several times in fresh directories under controlled variations and compares the
 * artifacts. A control run and a control rerun come first: drift between them is not caused by any variation.
 * Every run not varying a property gets its control value (same path, same fake start time, same umask...), so
 * that one variation at a time ({@code --bisect}) isolates its effect.
 */
public final class Rebuild {
    private static final String CONTROL_TIME = "@2024-01-01 00:00:00";
    private static final String[] VARIED_TIME = {"@2025-06-15 13:14:15", "@2026-11-30 23:59:30"};

    /**
     * What was asked.
     *
     * @param vary the variations to apply; empty for all of them that can be applied here
     */
    public record Plan(List<String> command, Path source, String artifact, int runs, Set<Variation> vary,
            boolean bisect) {
        public Plan {
            command = List.copyOf(command);
            vary = Set.copyOf(vary);
        }
    }

    /** One run compared with the control run. */
    public record Comparison(RunSetting setting, String digest, Drift drift) {
    }

    /**
     * @param notApplied variations that could not be applied here, with the reason
     */
    public record Result(String controlDigest, List<Comparison> comparisons, Map<Variation, String> notApplied) {
        public Result {
            comparisons = List.copyOf(comparisons);
            // In variation order: Map.copyOf's iteration order changes from one JVM to the next.
            notApplied = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(notApplied));
        }

        public boolean reproducible() {
            return comparisons.stream().allMatch(c -> c.drift().clean());
        }

        /** For a bisect: which drift classes each variation caused (control drift listed as "control"). */
        public Map<String, Set<DriftClass>> causes() {
            Map<String, Set<DriftClass>> m = new LinkedHashMap<>();
            for (Comparison c : comparisons) {
                if (!c.drift().clean()) {
                    m.computeIfAbsent(c.setting().label(), k -> new TreeSet<>()).addAll(c.drift().classes().keySet());
                }
            }
            return m;
        }
    }

    private final DiffOptions options;
    private final Consumer<String> notes;
    private final Progress progress;

    /**
     * @param notes    told which run starts, in a line
     * @param progress told of each run done, out of all the runs
     */
    public Rebuild(DiffOptions options, Consumer<String> notes, Progress progress) {
        this.options = options;
        this.notes = notes;
        this.progress = progress;
    }

    public Rebuild(DiffOptions options, Consumer<String> notes) {
        this(options, notes, Progress.NONE);
    }

    public Result run(Plan plan) {
        if (plan.runs() < 2) {
            throw new UsageException("--runs must be at least 2");
        }
        if (!Files.isDirectory(plan.source())) {
            throw new InvalidInputException(plan.source().toString(), "not a directory");
        }
        requireCommand(plan);
        Map<Variation, String> notApplied = new LinkedHashMap<>();
        boolean defaults = plan.vary().isEmpty();
        Set<Variation> asked = defaults ? java.util.EnumSet.allOf(Variation.class) : plan.vary();
        boolean faketime = ProcessRunner.onPath("faketime");
        if (asked.contains(Variation.TIME) && !faketime) {
            notApplied.put(Variation.TIME, "faketime is not installed (apt-get install faketime)");
        }
        if (asked.contains(Variation.HOSTNAME) && !unshareWorks()) {
            notApplied.put(Variation.HOSTNAME, "unshare --uts is not permitted here");
        }
        // Named explicitly, dirorder without a compiler fails (DirOrderShim.build); among the defaults it is
        // left out like the others that cannot be applied here.
        if (defaults && DirOrderShim.compiler() == null) {
            notApplied.put(Variation.DIRORDER, "no C compiler (cc or gcc) to build its readdir shim");
        }
        Set<Variation> usable = new TreeSet<>(asked);
        usable.removeAll(notApplied.keySet());

        List<RunSetting> settings = new ArrayList<>();
        settings.add(new RunSetting("control", 0, Set.of()));
        if (plan.bisect()) {
            settings.add(new RunSetting("control", 1, Set.of()));
            for (Variation v : usable) {
                settings.add(new RunSetting(v.id(), 1, Set.of(v)));
            }
        } else {
            for (int i = 1; i < plan.runs(); i++) {
                settings.add(new RunSetting(usable.isEmpty() ? "control" : "all", i, usable));
            }
        }
        Path work;
        try {
            work = Files.createTempDirectory("ocisc-rebuild-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            // Compiled before any build runs: without a compiler the rebuild fails at once, naming the cause.
            Path shim = usable.contains(Variation.DIRORDER) ? DirOrderShim.build(work.resolve("shim")) : null;
            List<Path> artifacts = new ArrayList<>();
            try (Progress.Task task = progress.start("rebuild runs", settings.size())) {
                for (int i = 0; i < settings.size(); i++) {
                    RunSetting s = settings.get(i);
                    notes.accept("run " + (i + 1) + "/" + settings.size() + " (" + s.label() + ")");
                    task.note(s.label());
                    artifacts.add(build(plan, s, work, i, faketime, shim));
                    task.advance(1);
                }
            }
            Path control = artifacts.get(0);
            String controlDigest = digest(control);
            List<Comparison> out = new ArrayList<>();
            for (int i = 1; i < artifacts.size(); i++) {
                RunSetting s = settings.get(i);
                // Named by run, not by the temporary paths the artifacts were kept at: the report is the same
                // for the same builds.
                Drift d = new TreeDiff(options.withHints(hints(work, settings.get(0), s))).diff(control,
                        artifacts.get(i)).named(runName(plan, 0, settings.get(0)), runName(plan, i, s));
                out.add(new Comparison(s, digest(artifacts.get(i)), d));
            }
            return new Result(controlDigest, out, notApplied);
        } finally {
            deleteTree(work);
        }
    }

    /**
     * Refuses a build command that cannot start, before any run: otherwise the first run fails with the message of
     * whatever wraps it (faketime's "Running specified command failed"). A name with a '/' is looked for in the
     * source, which each run copies; a bare name on PATH.
     */
    private static void requireCommand(Plan plan) {
        String program = plan.command().isEmpty() ? "" : plan.command().get(0);
        // resolve() keeps an absolute name as it is.
        boolean found = program.contains("/") ? Files.isExecutable(plan.source().resolve(program))
                : !program.isEmpty() && ProcessRunner.onPath(program);
        if (!found) {
            throw new ExternalToolException(program + ": command not found" + (program.contains("/")
                    ? " (or not executable) in " + plan.source() : " on PATH"));
        }
    }

    /** How a report names run {@code index}'s artifact: {@code ARTIFACT (run N, LABEL)}. */
    private static String runName(Plan plan, int index, RunSetting s) {
        return plan.artifact() + " (run " + (index + 1) + ", " + s.label() + ")";
    }

    /** Strings that differ between two runs by construction; a content difference containing one is explained. */
    private static Map<String, DriftClass> hints(Path work, RunSetting a, RunSetting b) {
        Map<String, DriftClass> h = new HashMap<>();
        for (RunSetting s : List.of(a, b)) {
            h.put(buildDir(work, s).toString(), DriftClass.BUILD_PATH);
            h.put(home(work, s).toString(), DriftClass.BUILD_PATH);
            if (s.varies(Variation.HOSTNAME)) {
                h.put(hostname(s), DriftClass.HOSTNAME);
            }
        }
        return h;
    }

    private Path build(Plan plan, RunSetting s, Path work, int runIndex, boolean faketime, Path shim) {
        Path dir = buildDir(work, s);
        Path home = home(work, s);
        try {
            deleteTree(dir);
            Files.createDirectories(dir.getParent());
            copyTree(plan.source(), dir);
            deleteTree(home);
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new InvalidInputException(plan.source().toString(), "cannot copy the source: " + e.getMessage());
        }
        Map<String, String> env = new HashMap<>();
        env.put("TZ", s.varies(Variation.TZ) ? (s.index() % 2 == 1 ? "Pacific/Kiritimati" : "America/Adak") : "UTC");
        String locale = s.varies(Variation.LOCALE) ? (s.index() % 2 == 1 ? "fr_FR.UTF-8" : "de_DE.UTF-8")
                : "C.UTF-8";
        env.put("LANG", locale);
        env.put("LC_ALL", locale);
        env.put("HOME", home.toString());
        env.put("PWD", dir.toString());
        if (s.varies(Variation.DIRORDER)) {
            // Inherited by every process of the build; faketime appends its own library rather than replacing it.
            env.put("LD_PRELOAD", DirOrderShim.preload(shim, System.getenv("LD_PRELOAD")));
        }
        String umask = s.varies(Variation.UMASK) ? "002" : "022";
        List<String> cmd = new ArrayList<>();
        StringBuilder script = new StringBuilder();
        if (s.varies(Variation.HOSTNAME)) {
            cmd.addAll(List.of("unshare", "--uts"));
            script.append("hostname ").append(hostname(s)).append(" && ");
        }
        script.append("umask ").append(umask).append(" && exec \"$@\"");
        cmd.addAll(List.of("sh", "-c", script.toString(), "sh"));
        if (faketime) {
            String t = s.varies(Variation.TIME) ? VARIED_TIME[(s.index() + 1) % 2] : CONTROL_TIME;
            cmd.addAll(List.of("faketime", "-f", t));
        }
        cmd.addAll(plan.command());
        ProcessRunner.Result r = ProcessRunner.run(cmd, dir, env, false);
        if (r.exitCode() != 0) {
            throw new ExternalToolException("build run " + (runIndex + 1) + " (" + s.label() + ") exited "
                    + r.exitCode() + ": " + tail(r.stderr()));
        }
        Path artifact = dir.resolve(plan.artifact()).normalize();
        if (!artifact.startsWith(dir) || !Files.exists(artifact, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(plan.artifact(), "the build did not produce this artifact (run "
                    + (runIndex + 1) + ")");
        }
        Path kept = work.resolve("artifacts").resolve(Integer.toString(runIndex)).resolve(artifact.getFileName());
        try {
            Files.createDirectories(kept.getParent());
            Files.move(artifact, kept, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        deleteTree(dir);
        return kept;
    }

    /** The control path is the same for every run that does not vary it; a varied path differs in length too. */
    private static Path buildDir(Path work, RunSetting s) {
        return s.varies(Variation.PATH) ? work.resolve("varied-build-path-" + s.index()).resolve("src")
                : work.resolve("b").resolve("src");
    }

    private static Path home(Path work, RunSetting s) {
        return s.varies(Variation.HOME) ? work.resolve("home-varied-" + s.index()) : work.resolve("home");
    }

    private static String hostname(RunSetting s) {
        return "ocisc-rebuild-host-" + s.index();
    }

    private static String digest(Path p) {
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? "sha256:" + TreeReader.digest(p) : "(directory)";
    }

    private static boolean unshareWorks() {
        if (!ProcessRunner.onPath("unshare")) {
            return false;
        }
        return ProcessRunner.run(List.of("unshare", "--uts", "true"), null, Map.of(), false).exitCode() == 0;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path rel = from.relativize(p);
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(String s) {
        String t = s.strip();
        return t.length() > 300 ? "..." + t.substring(t.length() - 300) : t;
    }
}
