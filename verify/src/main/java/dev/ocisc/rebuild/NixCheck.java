package dev.ocisc.rebuild;

import dev.ocisc.diff.DiffOptions;
import dev.ocisc.diff.Drift;
import dev.ocisc.diff.TreeDiff;
import dev.ocisc.failure.ExternalToolException;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.graph.Graph;
import dev.ocisc.graph.Node;
import dev.ocisc.graph.NodeKind;
import dev.ocisc.nix.NixTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rebuilds derivations with {@code nix-build --check -K} and explains each mismatch by diffing the kept
 * {@code <out>.check} against the original output. Nix exits 104 on a mismatch and names both paths.
 */
public final class NixCheck {
    private static final Pattern DIFFERS = Pattern.compile(
            "output '(/[^']+)' differs from '(/[^']+\\.check)'");
    private static final Pattern KEPT_DIR = Pattern.compile("keeping build directory '(/[^']+)'");

    /** What happened to one derivation. */
    public enum Status { REPRODUCIBLE, NOT_REPRODUCIBLE, NOT_CHECKED }

    /**
     * @param drifts one per differing output (original vs {@code .check}); empty unless NOT_REPRODUCIBLE
     * @param reason why it was not checked, or ""
     */
    public record Outcome(String derivation, Status status, List<Drift> drifts, String reason) {
        public Outcome {
            drifts = List.copyOf(drifts);
        }
    }

    private final DiffOptions options;
    private final List<String> nixOptions;

    public NixCheck(DiffOptions options, List<String> nixOptions) {
        this.options = options;
        this.nixOptions = List.copyOf(nixOptions);
    }

    /** The derivation of TARGET (a .drv, a store path, a result link): what {@code --check} rebuilds. */
    public static String derivationOf(String target) {
        Path p = Path.of(target);
        String real = target;
        try {
            if (Files.exists(p)) {
                real = p.toRealPath().toString();
            }
        } catch (java.io.IOException e) {
            throw new InvalidInputException(target, "cannot resolve: " + e.getMessage());
        }
        if (!real.startsWith("/nix/store/")) {
            throw new InvalidInputException(target, "not a store path, a .drv or a result link");
        }
        String top = "/nix/store/" + real.substring("/nix/store/".length()).split("/")[0];
        if (top.endsWith(".drv")) {
            return top;
        }
        ProcessRunner.Result r = ProcessRunner.run(List.of("nix-store", "--query", "--deriver", top), null,
                Map.of(), false);
        String drv = r.stdout().trim();
        if (r.exitCode() != 0 || drv.isEmpty() || drv.equals("unknown-deriver")) {
            throw new InvalidInputException(target, "has no known deriver, so it cannot be rebuilt");
        }
        return drv;
    }

    /** Every derivation of the target's build closure, dependencies first (sorted by path within the walk). */
    public static List<String> closure(String target) {
        Graph g = new NixTarget(derivationOf(target), null).resolve(Graph.Mode.BUILDTIME);
        List<String> drvs = new ArrayList<>();
        for (Node n : g.nodes().values()) {
            if (n.kind() == NodeKind.DERIVATION) {
                drvs.add(n.path());
            }
        }
        return drvs;
    }

    /**
     * Checks the target's derivation, or with {@code recursive} every derivation of its build closure whose
     * outputs are valid locally, telling {@code progress} which one is next when there are several. A single
     * derivation whose outputs are not built is bad input: there is nothing to compare its rebuild with.
     */
    public List<Outcome> run(String target, boolean recursive, Consumer<String> progress) {
        List<String> drvs = recursive ? closure(target) : List.of(derivationOf(target));
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < drvs.size(); i++) {
            if (drvs.size() > 1) {
                progress.accept("checking " + (i + 1) + "/" + drvs.size() + " " + drvs.get(i));
            }
            outcomes.add(check(drvs.get(i)));
        }
        if (!recursive && outcomes.get(0).status() == Status.NOT_CHECKED) {
            throw new InvalidInputException(target, "its outputs are not built, so there is nothing to compare "
                    + "the rebuild with; build it first");
        }
        return outcomes;
    }

    /** Whether no derivation was found not reproducible by a difference that counts (one not ignored). */
    public static boolean reproducible(List<Outcome> outcomes) {
        return outcomes.stream().noneMatch(o -> o.status() == Status.NOT_REPRODUCIBLE
                && o.drifts().stream().anyMatch(d -> !d.clean()));
    }

    public Outcome check(String drv) {
        if (!ProcessRunner.onPath("nix-build")) {
            throw new ExternalToolException("nix-build is not installed (apt-get install nix-bin)");
        }
        List<String> cmd = new ArrayList<>(List.of("nix-build", "--check", "-K", "--no-out-link"));
        cmd.addAll(nixOptions);
        cmd.add(drv);
        ProcessRunner.Result r = ProcessRunner.run(cmd, null, Map.of(), false);
        cleanKeptBuildDirs(r.stderr());
        if (r.exitCode() == 0) {
            return new Outcome(drv, Status.REPRODUCIBLE, List.of(), "");
        }
        if (r.stderr().contains("are not valid, so checking is not possible")) {
            return new Outcome(drv, Status.NOT_CHECKED, List.of(), "outputs not built locally");
        }
        Matcher m = DIFFERS.matcher(r.stderr());
        List<Drift> drifts = new ArrayList<>();
        while (m.find()) {
            drifts.add(new TreeDiff(options).diff(Path.of(m.group(1)), Path.of(m.group(2))));
        }
        if (r.exitCode() == 104 || !drifts.isEmpty()) {
            return new Outcome(drv, Status.NOT_REPRODUCIBLE, drifts, "");
        }
        String last = lastLine(r.stderr());
        throw new ExternalToolException("nix-build --check " + drv + " failed (exit " + r.exitCode() + "): " + last);
    }

    /** -K keeps the failed build's directory too; only the .check output is wanted, so remove what Nix kept. */
    private static void cleanKeptBuildDirs(String stderr) {
        Matcher m = KEPT_DIR.matcher(stderr);
        while (m.find()) {
            Path dir = Path.of(m.group(1));
            if (dir.getFileName() != null && dir.getFileName().toString().startsWith("nix-build-")) {
                deleteTree(dir);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (java.io.IOException e) {
            // a kept build directory left behind is only clutter
        }
    }

    private static String lastLine(String s) {
        String[] lines = s.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }
}
