package dev.ocisc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A relocated store made in a test: the fixture's database (so that {@code --store} accepts it) and whatever
 * {@code .drv} files the test writes, hostile ones included. Nothing is checked in: a test makes what it needs.
 */
public final class DrvStore {
    private static final String BASE32 = "0123456789abcdfghijklmnpqrsvwxyz";

    private final Path root;

    private DrvStore(Path root) {
        this.root = root;
    }

    /** An empty store under {@code root} with a copy of the fixture's database. */
    public static DrvStore create(Path root) {
        try {
            Files.createDirectories(root.resolve("nix/store"));
            Path db = root.resolve("nix/var/nix/db");
            Files.createDirectories(db);
            Files.copy(TestData.nixStore().resolve("nix/var/nix/db/db.sqlite"), db.resolve("db.sqlite"));
            return new DrvStore(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    /** A store path whose hash part is {@code n} in Nix's base-32, padded to 32 characters. */
    public static String path(long n, String name) {
        StringBuilder hash = new StringBuilder();
        for (long v = n; hash.length() < 32; v /= 32) {
            hash.append(BASE32.charAt((int) (v % 32)));
        }
        return "/nix/store/" + hash.reverse() + "-" + name;
    }

    /** Where {@code storePath} is on disk. */
    public Path file(String storePath) {
        return root.resolve(storePath.substring(1));
    }

    /**
     * A derivation with one output {@code out} at {@code outPath}, using output {@code out} of each of
     * {@code inputDrvs} (written as given, unchecked) and nothing else.
     */
    public static String derivation(String name, String outPath, List<String> inputDrvs) {
        String inputs = inputDrvs.stream().map(d -> "(\"" + d + "\",[\"out\"])").collect(Collectors.joining(","));
        return "Derive([(\"out\",\"" + outPath + "\",\"\",\"\")],[" + inputs + "],[],\"x86_64-linux\",\"/bin/sh\",[],"
                + "[(\"name\",\"" + name + "\"),(\"out\",\"" + outPath + "\")])";
    }

    /** Writes {@code text} as the {@code .drv} at {@code drvPath}; returns the file. */
    public Path write(String drvPath, String text) {
        return write(drvPath, text.getBytes(StandardCharsets.UTF_8));
    }

    public Path write(String drvPath, byte[] bytes) {
        try {
            return Files.write(file(drvPath), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A chain of {@code n} derivations, each using the next, and the path of the first one (the target). Named
     * {@code chain-0} to {@code chain-(n-1)}.
     */
    public String chain(int n) {
        String next = null;
        for (int i = n - 1; i >= 0; i--) {
            String drv = path(2L * i, "chain-" + i + ".drv");
            write(drv, derivation("chain-" + i, path(2L * i + 1, "chain-" + i), next == null ? List.of()
                    : List.of(next)));
            next = drv;
        }
        return next;
    }
}
