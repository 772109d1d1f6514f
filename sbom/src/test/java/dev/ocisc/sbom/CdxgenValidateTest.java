package dev.ocisc.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.catalog.ImageCatalog;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.sbom.cyclonedx.CycloneDxJsonWriter;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * cdxgen's validator, {@code cdx-validate --strict} (npm {@code @cyclonedx/cdxgen}, installed by {@code npm ci} in
 * sbom/src/test/js), accepts ocisc's SBOMs of real images: JSON schema and its deep purl and ref checks. Its
 * compliance scorecards (a signature, a supplier, licences for every component) are policy, not validity, so only
 * critical findings fail the run.
 */
class CdxgenValidateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Path cdxValidate() {
        Tools.require("node");
        Path bin = TestData.root().resolve("sbom/src/test/js/node_modules/@cyclonedx/cdxgen/bin/validate.js");
        if (!Files.isRegularFile(bin)) {
            String msg = "@cyclonedx/cdxgen is not installed (npm ci in sbom/src/test/js; .ci/run does it)";
            if (Tools.required()) {
                fail(msg + " (OCISC_REQUIRE_TOOLS=1)");
            }
            Assumptions.abort(msg);
        }
        return bin;
    }

    private Path sbom(Path image, String name) throws Exception {
        Sbom s = ImageSbom.build(ImageCatalog.of(image, ReadOptions.defaults()), NixpkgsMeta.none(),
                Fixture.EPOCH_TIME, "test");
        Path f = dir.resolve(name + ".cdx.json");
        try (OutputStream out = Files.newOutputStream(f)) {
            new CycloneDxJsonWriter().write(s, out);
        }
        return f;
    }

    /** Runs cdx-validate; returns its JSON report, after checking the exit code. */
    private JsonNode validate(Path bom, int expectedExit) throws Exception {
        Path report = dir.resolve(bom.getFileName() + ".report.json");
        Tools.Result r = Tools.run(dir, "node", cdxValidate().toString(), "-i", bom.toString(), "--strict",
                "--fail-severity", "critical", "-r", "json", "-o", report.toString());
        assertEquals(expectedExit, r.exitCode(), bom + ": " + r.stdout() + r.stderr());
        return JSON.readTree(report.toFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"oci/debian.oci.tar", "oci/distroless", "oci/alpine", "oci/nix-greeter.tar.gz",
            "oci/nix-greeter-db.tar.zst"})
    void imageSbomsPassStrictValidation(String fixture) throws Exception {
        JsonNode report = validate(sbom(TestData.path(fixture), fixture.replaceAll("\\W", "-")), 0);
        assertTrue(report.path("schemaValid").asBoolean(), report.toString());
        assertTrue(report.path("deepValid").asBoolean(), report.toString());
    }

    /** A real Debian minbase (debootstrap, as DebianMinbaseTest makes it): 80-odd packages, epochs, '+' and '~'. */
    @Test
    void debootstrapMinbaseSbomPassesStrictValidation() throws Exception {
        Path minbase = DebianMinbase.image();
        JsonNode report = validate(sbom(minbase, "minbase"), 0);
        assertTrue(report.path("schemaValid").asBoolean() && report.path("deepValid").asBoolean(), report.toString());
    }

    /** The validator is live: the percent-encoded colon ocisc used to write is what it rejected. */
    @Test
    void anEncodedColonInARefIsRejected() throws Exception {
        Path good = sbom(TestData.path("oci/debian.oci.tar"), "debian");
        Path bad = dir.resolve("encoded.cdx.json");
        Files.writeString(bad, Files.readString(good).replace("@sha256:", "@sha256%3A"));
        JsonNode report = validate(bad, 2);
        assertTrue(!report.path("deepValid").asBoolean(), report.toString());
    }
}
