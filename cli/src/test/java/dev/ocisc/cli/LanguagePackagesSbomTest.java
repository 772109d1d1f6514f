package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.testing.Tools;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ocisc sbom IMAGE} on an image umoci made of a store path holding Python distributions, npm packages, a
 * jar and vendored crates (Debian's and npm ci's): each is a component with its ecosystem's purl, its declared
 * SPDX licence, its evidence, and a CONTAINS edge from the store path.
 */
class LanguagePackagesSbomTest {
    private static final String SP = LanguageImage.STORE_PATH;

    @Test
    void imageSbomListsEveryEcosystemsPackages(@TempDir Path tmp) throws Exception {
        Path layout = LanguageImage.build(tmp);

        Path file = tmp.resolve("bom.cdx.json");
        Tools.Result r = Ocisc.inProcess("sbom", layout.toString(), "-o", file.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of(), new JsonParser().validate(file.toFile(), Version.VERSION_16));
        JsonNode bom = new ObjectMapper().readTree(file.toFile());
        Map<String, String> found = new TreeMap<>();
        for (JsonNode c : bom.get("components")) {
            String purl = c.path("purl").asText();
            if (purl.matches("pkg:(pypi|npm|maven|cargo)/.*")) {
                String ev = "";
                for (JsonNode p : c.path("properties")) {
                    if (p.get("name").asText().equals("ocisc:evidence_path")) {
                        ev = p.get("value").asText();
                    }
                }
                found.put(purl, c.at("/licenses/0/expression").asText("-") + " " + ev.substring(SP.length()));
            }
        }
        Map<String, String> expected = new TreeMap<>(Map.of(
                "pkg:pypi/pyyaml@6.0", "MIT /lib/python3.11/site-packages/PyYAML-6.0.dist-info/METADATA",
                "pkg:npm/%40types/ms@0.7.34", "MIT /lib/node_modules/@types/ms/package.json",
                "pkg:npm/debug@2.6.9", "MIT /lib/node_modules/debug/package.json",
                "pkg:npm/ms@2.0.0", "MIT /lib/node_modules/debug/node_modules/ms/package.json",
                "pkg:npm/ms@2.1.3", "MIT /lib/node_modules/ms/package.json",
                "pkg:npm/isarray@1.0.0", "MIT /lib/node_modules/isarray/package.json",
                "pkg:maven/commons-io/commons-io@2.11.0", "- /share/java/commons-io.jar",
                "pkg:cargo/itoa@1.0.1", "MIT OR Apache-2.0 /vendor/itoa-1.0.1/Cargo.toml"));
        assertEquals(expected, found);
        for (String purl : found.keySet()) {
            assertEquals(purl, dev.ocisc.sbom.Purl.canonicalize(purl), "packageurl-java reads it back as written");
        }
        // Each hangs from the store path that holds it.
        int contained = 0;
        for (JsonNode d : bom.get("dependencies")) {
            if (d.get("ref").asText().equals(SP)) {
                for (JsonNode to : d.path("dependsOn")) {
                    contained += expected.keySet().stream().anyMatch(p -> to.asText().startsWith(p + "#")) ? 1 : 0;
                }
            }
        }
        assertEquals(expected.size(), contained);
    }
}
