package dev.ocisc.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ocisc.graph.Graph;
import dev.ocisc.nix.DerivationParser;
import dev.ocisc.nix.NixTarget;
import dev.ocisc.testing.FuzzInput;
import org.junit.jupiter.api.Timeout;

/**
 * The Nix inputs a user hands ocisc: a {@code .drv} and the JSON graphs of {@code nix derivation show -r} and
 * {@code nix path-info --json -r}, held to {@link FuzzInput}'s contract. A plain test run replays the
 * seeds and past findings in {@code src/test/resources/dev/ocisc/fuzz/NixInputsFuzzTestInputs}; bench/fuzz/run.sh
 * fuzzes.
 */
class NixInputsFuzzTest {
    private static final String DRV = "/nix/store/kisxr5av90ns7ldnx5cyynm85d0bl900-greeter-2.1.0.drv";

    @FuzzTest(maxDuration = "10s")
    @Timeout(10)
    void derivation(byte[] data) throws Exception {
        FuzzInput.answer(() -> DerivationParser.parse("fuzz.drv", DRV, data));
    }

    @FuzzTest(maxDuration = "10s")
    @Timeout(10)
    void graphJson(byte[] data) throws Exception {
        for (Graph.Mode mode : Graph.Mode.values()) {
            FuzzInput.asFile(data, ".json", file -> new NixTarget(file.toString(), null).resolve(mode));
        }
    }
}
