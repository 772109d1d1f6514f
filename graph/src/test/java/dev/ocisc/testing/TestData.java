package dev.ocisc.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's fixtures are: {@code testdata/} at the repository root. */
public final class TestData {
    private TestData() {
    }

    public static Path root() {
        String root = System.getProperty("ocisc.root");
        Path p = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("testdata"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find testdata/ above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    public static Path path(String relative) {
        return root().resolve("testdata").resolve(relative);
    }

    /** The relocated store of testdata/nix, as {@code --store} takes it. */
    public static Path nixStore() {
        return path("nix/store");
    }

    /**
     * Copies the file or tree at {@code from} to {@code to} (parents made as needed), symbolic links as links:
     * a throw-away copy a test may change, or a tool may write into.
     */
    public static void copyTree(Path from, Path to) {
        try (java.util.stream.Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted().toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                Files.createDirectories(Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? t
                        : t.getParent());
                if (Files.isSymbolicLink(p)) {
                    Files.createSymbolicLink(t, Files.readSymbolicLink(p));
                } else if (!Files.isDirectory(p)) {
                    Files.copy(p, t);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
