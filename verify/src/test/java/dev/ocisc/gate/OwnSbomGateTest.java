package dev.ocisc.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.diff.DiffOptions;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.slsa.Policy;
import dev.ocisc.testing.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * verify image with ocisc's own SBOMs (the sbom module's golden files): the Nix image testdata/oci/nix-greeter
 * holds exactly the run-time closure of testdata/nix/result, so its SBOM check passes with the run-time SBOM of
 * that build and with the image's own SBOM, in CycloneDX and in SPDX alike.
 */
class OwnSbomGateTest {
    @ParameterizedTest
    @ValueSource(strings = {"nix-runtime.cdx.json", "nix-runtime.spdx.json", "image-nix-greeter.cdx.json",
            "image-nix-greeter.spdx.json"})
    void theImageMatchesTheSbomOciscWrote(String golden) {
        GateReport r = new ImageGate(ReadOptions.defaults(), DiffOptions.DEFAULT).check(
                TestData.path("oci/nix-greeter.tar.gz"),
                TestData.root().resolve("sbom/src/test/resources/golden").resolve(golden), Policy.none(), null);
        Check sbom = r.checks().stream().filter(c -> c.id().equals("sbom")).findFirst().orElseThrow();
        assertTrue(sbom.passed(), () -> sbom.summary() + " " + sbom.items());
        assertEquals("5 declared, 5 found in the image; 0 declared but absent, 0 present but undeclared",
                sbom.summary());
    }
}
