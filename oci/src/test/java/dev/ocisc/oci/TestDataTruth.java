package dev.ocisc.oci;

import dev.ocisc.testing.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** Ground truth that Nix printed for testdata/nix (the closure the Nix image fixtures were built from). */
public final class TestDataTruth {
    private TestDataTruth() {
    }

    public static List<String> runtimeClosure() {
        return lines("nix/truth/runtime-closure.txt");
    }

    public static List<String> lines(String rel) {
        try {
            return Files.readAllLines(TestData.path(rel)).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
