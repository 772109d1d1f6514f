package dev.ocisc.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SbomReader: ocisc's own CycloneDX and SPDX documents of one SBOM (the golden files) declare the same components
 * with the same store paths; a document another reader could read differently, or of neither format, is bad input.
 */
class SbomReaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"nix-runtime", "nix-buildtime", "image-debian-oci", "image-nix-greeter"})
    void cycloneDxAndSpdxOfTheSameSbomDeclareTheSameComponents(String golden) {
        Path g = TestData.root().resolve("sbom/src/test/resources/golden");
        List<DeclaredComponent> cdx = SbomReader.read(g.resolve(golden + Format.CYCLONEDX_JSON.extension()));
        List<DeclaredComponent> spdx = SbomReader.read(g.resolve(golden + Format.SPDX_JSON.extension()));
        assertFalse(cdx.isEmpty());
        assertEquals(new HashSet<>(cdx.stream().map(SbomReaderTest::withoutLicense).toList()),
                new HashSet<>(spdx.stream().map(SbomReaderTest::withoutLicense).toList()));
        // Licenses agree, but for a nixpkgs license with no SPDX id: its name in CycloneDX, a LicenseRef in SPDX.
        Map<String, String> cdxLicense = new HashMap<>();
        cdx.forEach(d -> cdxLicense.put(d.storePath(), d.license()));
        for (DeclaredComponent d : spdx) {
            if (d.license() == null || !d.license().startsWith("LicenseRef-")) {
                assertEquals(cdxLicense.get(d.storePath()), d.license(), d.label());
            }
        }
    }

    /** The image's distribution is not a package it holds: a gate matching packages must not look for it. */
    @ParameterizedTest
    @ValueSource(strings = {".cdx.json", ".spdx.json"})
    void theOperatingSystemIsNotADeclaredPackage(String ext) {
        Path g = TestData.root().resolve("sbom/src/test/resources/golden/image-debian-oci" + ext);
        List<DeclaredComponent> read = SbomReader.read(g);
        assertEquals(7, read.size(), read.toString());
        assertFalse(read.stream().anyMatch(d -> d.name().equals("debian")), read.toString());
    }

    static DeclaredComponent withoutLicense(DeclaredComponent d) {
        return new DeclaredComponent(d.name(), d.version(), d.storePath(), null);
    }

    @Test
    void anSbomWithAKeyTwice() throws Exception {
        String genuine = "{\"name\":\"libdemo\",\"version\":\"2.3-4\"}";
        // CycloneDX: a component list, and a component's licenses, given twice.
        assertEquals(List.of(new DeclaredComponent("libdemo", "2.3-4", null, null)), read("ok.cdx.json",
                "{\"bomFormat\":\"CycloneDX\",\"components\":[" + genuine + "]}"));
        assertEquals("twice.cdx.json: duplicate key 'components' (line 1, column 54)", refused("twice.cdx.json",
                "{\"bomFormat\":\"CycloneDX\",\"components\":[],\"components\":[" + genuine + "]}"));
        assertEquals("lic.cdx.json: duplicate key 'licenses' (line 1, column 100)", refused("lic.cdx.json",
                "{\"bomFormat\":\"CycloneDX\",\"components\":[{\"name\":\"x\","
                        + "\"licenses\":[{\"license\":{\"id\":\"MIT\"}}],"
                        + "\"licenses\":[{\"license\":{\"id\":\"GPL-3.0-only\"}}]}]}"));
        // SPDX: the package list twice; and anything after the document.
        assertEquals("twice.spdx.json: duplicate key 'packages' (line 1, column 51)", refused("twice.spdx.json",
                "{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[],\"packages\":[]}"));
        assertEquals("tail.spdx.json: trailing data after the JSON value (line 1, column 42)",
                refused("tail.spdx.json", "{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[]} {}"));
    }

    @Test
    void neitherFormatIsBadInput() throws Exception {
        assertEquals("other.json: not a CycloneDX or SPDX JSON document", refused("other.json", "{\"a\":1}"));
    }

    String refused(String name, String json) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, json);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SbomReader.read(f));
        return e.getMessage().replace(f.toString(), name);
    }

    List<DeclaredComponent> read(String name, String json) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, json);
        return SbomReader.read(f);
    }
}
