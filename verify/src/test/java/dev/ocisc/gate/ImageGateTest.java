package dev.ocisc.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.diff.DiffOptions;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.slsa.Policy;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release gate on images made by umoci (testdata/diff/make-image-pairs.sh: gate.a holds a dpkg database). */
class ImageGateTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void make() {
        for (String tool : List.of("umoci", "skopeo", "tar", "gzip", "zstd", "python3")) {
            Tools.require(tool);
        }
        Tools.check(null, "bash", TestData.path("diff/make-image-pairs.sh").toString(), dir.toString());
    }

    private static GateReport gate(Path sbom, Policy p, String rebuild) {
        return new ImageGate(ReadOptions.defaults(), DiffOptions.DEFAULT).check(dir.resolve("gate.a"), sbom, p,
                rebuild == null ? null : dir.resolve(rebuild));
    }

    private static Path write(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    private static String cdx(String... components) {
        return "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[" + String.join(",", components)
                + "]}";
    }

    @Test
    void sbomThatMatchesPasses() throws Exception {
        Path sbom = write("ok.cdx.json", cdx("{\"name\":\"demo-tool\",\"version\":\"1.0-1\"}",
                "{\"name\":\"libdemo\",\"version\":\"2.3-4\",\"licenses\":[{\"license\":{\"id\":\"MIT\"}}]}"));
        GateReport r = gate(sbom, Policy.none(), null);
        assertTrue(r.passed(), () -> r.checks().toString());
        assertTrue(r.manifestDigest().startsWith("sha256:"));
    }

    @Test
    void sbomFalsePositivesAndNegativesFail() throws Exception {
        Path sbom = write("bad.spdx.json", "{\"spdxVersion\":\"SPDX-2.3\",\"packages\":["
                + "{\"name\":\"demo-tool\",\"versionInfo\":\"1.0-1\"},{\"name\":\"ghost\",\"versionInfo\":\"9\"},"
                + "{\"name\":\"image\",\"primaryPackagePurpose\":\"CONTAINER\"}]}");
        GateReport r = gate(sbom, Policy.none(), null);
        assertFalse(r.passed());
        assertEquals(List.of("declared but absent: ghost@9", "present but undeclared: libdemo@2.3-4"),
                r.checks().get(0).items(), "the removed package (config-files only) is not in the image");
    }

    @Test
    void forbiddenLicenseInAnExpressionFails() throws Exception {
        Path sbom = write("lic.cdx.json", cdx("{\"name\":\"demo-tool\",\"version\":\"1.0-1\",\"licenses\":"
                + "[{\"expression\":\"MIT OR GPL-3.0-only\"}]}", "{\"name\":\"libdemo\",\"version\":\"2.3-4\"}"));
        Path policy = write("policy.json", "{\"forbidden_licenses\":[\"GPL-3.0-only\"]}");
        GateReport r = gate(sbom, Policy.read(policy), null);
        Check c = r.checks().get(1);
        assertEquals("licenses", c.id());
        assertFalse(c.passed());
        assertEquals(List.of("demo-tool@1.0-1: GPL-3.0-only"), c.items());
    }

    @Test
    void reproducibilityNeedsAnIdenticalRebuild() throws Exception {
        Policy p = Policy.read(write("repro.json", "{\"require_reproducible\":true}"));
        assertFalse(gate(null, p, null).passed(), "no rebuild: the rule cannot pass");
        GateReport drift = gate(null, p, "gate.b");
        assertFalse(drift.passed());
        assertEquals(List.of("config: config config.Labels"), drift.checks().get(0).items());
        assertTrue(gate(null, p, "gate.a").passed());
    }

    @Test
    void builderIdsCannotPassWithoutAttestationChecking() throws Exception {
        Policy p = Policy.read(write("builder.json", "{\"allowed_builder_ids\":[\"https://ci.example/builder\"]}"));
        assertFalse(gate(null, p, null).passed());
        GateReport rules = gate(null, Policy.read(write("types.json", "{\"allowed_build_types\":[\"t\"],"
                + "\"allowed_external_parameters\":[]}")), null);
        assertFalse(rules.passed());
        assertEquals("allowed_build_types, allowed_external_parameters need a verified attestation: give "
                + "--attestation FILE --key PUB.pem", rules.checks().get(0).summary());
    }

    @Test
    void aMisspelledPolicyKeyIsBadInput() throws Exception {
        Path f = write("typo.json", "{\"forbiden_licenses\":[\"GPL-3.0-only\"]}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Policy.read(f));
        assertTrue(e.getMessage().contains("typo.json") && e.getMessage().contains("forbiden_licenses"));
    }
}
