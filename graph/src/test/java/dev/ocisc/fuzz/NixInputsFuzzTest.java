package dev.ocisc.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ocisc.graph.Graph;
import dev.ocisc.graph.InvalidInputException;
import dev.ocisc.nix.DerivationParser;
import dev.ocisc.nix.NixTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * The Nix inputs a user hands ocisc: a {@code .drv} and the JSON graphs of {@code nix derivation show -r} and
 * {@code nix path-info --json -r}. Whatever the bytes, the answer is a result or {@link InvalidInputException}
 * (exit 3); any other exception, a hang or running out of memory is a finding. A plain test run replays the
 * seeds and past findings in {@code src/test/resources/dev/ocisc/fuzz/NixInputsFuzzTestInputs}; bench/fuzz/run.sh
 * fuzzes.
 */
class NixInputsFuzzTest {
    private static final String DRV = "/nix/store/kisxr5av90ns7ldnx5cyynm85d0bl900-greeter-2.1.0.drv";

    @FuzzTest(maxDuration = "10s")
    @Timeout(10)
    void derivation(byte[] data) {
        try {
            DerivationParser.parse("fuzz.drv", DRV, data);
        } catch (InvalidInputException expected) {
            // bad input, reported as such
        }
    }

    @FuzzTest(maxDuration = "10s")
    @Timeout(10)
    void graphJson(byte[] data) throws IOException {
        Path file = Files.createTempFile("ocisc-fuzz", ".json");
        try {
            Files.write(file, data);
            for (Graph.Mode mode : Graph.Mode.values()) {
                try {
                    new NixTarget(file.toString(), null).resolve(mode);
                } catch (InvalidInputException expected) {
                    // bad input, reported as such
                }
            }
        } finally {
            Files.delete(file);
        }
    }
}
