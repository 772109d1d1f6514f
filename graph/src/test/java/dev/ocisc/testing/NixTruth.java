package dev.ocisc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Nix itself says about the testdata closure, read from {@code nix-store} output: the committed dumps in
 * testdata/nix/truth, or a live run of {@code nix-store --store local?root=COPY} on a scratch copy of the store
 * (Nix writes lock files into a store it opens).
 */
public final class NixTruth {
    private static final Pattern EDGE = Pattern.compile("^\"([^\"]+)\" -> \"([^\"]+)\"");

    private NixTruth() {
    }

    /** Lines of a {@code nix-store -qR} listing, as a sorted set. */
    public static Set<String> paths(String listing) {
        TreeSet<String> s = new TreeSet<>();
        listing.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(s::add);
        return s;
    }

    /**
     * Edges of {@code nix-store -q --graph} output as "referrer -> reference" with full store paths. Nix draws
     * an arrow from the reference to the referrer; this turns it around to match the dependency direction.
     */
    public static Set<String> edges(String dot) {
        TreeSet<String> s = new TreeSet<>();
        for (String line : dot.lines().toList()) {
            Matcher m = EDGE.matcher(line);
            if (m.find()) {
                s.add("/nix/store/" + m.group(2) + " -> /nix/store/" + m.group(1));
            }
        }
        return s;
    }

    public static String read(String truthFile) {
        try {
            return Files.readString(TestData.path("nix/truth/" + truthFile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String drvPath() {
        return read("drv-path.txt").strip();
    }

    /** A throw-away copy of the testdata store that nix may write its locks into. */
    public static Path scratchStore(Path tempDir) {
        Path dst = tempDir.resolve("store");
        TestData.copyTree(TestData.nixStore(), dst);
        return dst;
    }

    /** Runs nix-store against a scratch copy of the testdata store (fails in CI when Nix is missing). */
    public static String nixStore(Path scratch, String... args) {
        Tools.require("nix-store");
        List<String> cmd = new java.util.ArrayList<>(List.of("nix-store", "--store", "local?root=" + scratch));
        cmd.addAll(List.of(args));
        Tools.Result r = Tools.run(null, cmd);
        if (r.exitCode() != 0) {
            throw new AssertionError("nix-store " + String.join(" ", args) + " failed: " + r.stderr());
        }
        return r.stdout();
    }
}
