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
}
