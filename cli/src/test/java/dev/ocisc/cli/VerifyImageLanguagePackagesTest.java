package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocisc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify image} holds the Python, npm, Maven and Cargo packages of an image (umoci, with the packages Debian
 * and npm ci installed, as in LanguagePackagesSbomTest) against the SBOM: ocisc's own passes, one with a package
 * taken out fails naming it, and their declared licences are in the policy's forbidden_licenses check.
 */
class VerifyImageLanguagePackagesTest {
    private static final String SP = LanguageImage.STORE_PATH;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void languagePackagesAreCheckedAgainstTheSbom(@TempDir Path tmp) throws Exception {
        Path layout = LanguageImage.build(tmp);

        for (String format : new String[] {"cyclonedx-json", "spdx-json"}) {
            Path own = tmp.resolve("own." + format);
            Tools.Result w = Ocisc.inProcess("sbom", layout.toString(), "-f", format, "-o",
                    own.toString());
            assertEquals(0, w.exitCode(), w.stderr());
            Tools.Result ok = Ocisc.inProcess("verify", "image", layout.toString(), "--sbom",
                    own.toString());
            assertEquals(0, ok.exitCode(), ok.stdout() + ok.stderr());
            // The store path and the eight packages of the other test, each found.
            assertTrue(ok.stdout().contains("[pass] sbom: 9 declared, 9 found in the image"), ok.stdout());
        }

        JsonNode bom = JSON.readTree(tmp.resolve("own.cyclonedx-json").toFile());
        ArrayNode kept = JSON.createArrayNode();
        for (JsonNode c : bom.get("components")) {
            if (!c.path("purl").asText().equals("pkg:npm/ms@2.0.0")) {
                kept.add(c);
            }
        }
        assertEquals(bom.get("components").size() - 1, kept.size());
        ((ObjectNode) bom).set("components", kept);
        Path less = tmp.resolve("less.cdx.json");
        Files.write(less, JSON.writeValueAsBytes(bom));
        Tools.Result fail = Ocisc.inProcess("verify", "image", layout.toString(), "--sbom",
                less.toString());
        assertEquals(1, fail.exitCode(), fail.stdout() + fail.stderr());
        assertTrue(fail.stdout().contains("[FAIL] sbom: 8 declared, 9 found in the image; 0 declared but absent, 1 "
                + "present but undeclared\n  present but undeclared: ms@2.0.0\n"), fail.stdout());

        Path policy = tmp.resolve("policy.json");
        Files.writeString(policy, "{\"forbidden_licenses\": [\"Apache-2.0\"]}");
        Tools.Result lic = Ocisc.inProcess("verify", "image", layout.toString(), "--policy",
                policy.toString());
        assertEquals(1, lic.exitCode(), lic.stdout() + lic.stderr());
        assertTrue(lic.stdout().contains("[FAIL] licenses: 1 component under a forbidden license\n"
                + "  itoa@1.0.1: Apache-2.0\n"), lic.stdout());
    }
}
