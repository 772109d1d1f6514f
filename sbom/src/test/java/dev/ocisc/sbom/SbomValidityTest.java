package dev.ocisc.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocisc.graph.Graph;
import dev.ocisc.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every document ocisc writes passes validators that ocisc did not write, and those validators can fail. */
class SbomValidityTest {
    @TempDir
    Path dir;

    static Sbom sbom(Graph.Mode mode) {
        return Fixture.sbom(mode, NixpkgsMeta.read(TestData.path("nix/meta.json")));
    }

    @ParameterizedTest
    @EnumSource(Graph.Mode.class)
    void cycloneDxJsonPassesSchemaAndRefChecks(Graph.Mode mode) throws Exception {
        Path f = Fixture.write(dir, sbom(mode), Format.CYCLONEDX_JSON);
        assertEquals(List.of(), Validators.cycloneDxJson(f));

        // The checks can fail: a dangling dependsOn and a schema violation are both reported.
        ObjectNode bom = (ObjectNode) new ObjectMapper().readTree(f.toFile());
        ((ArrayNode) bom.get("dependencies").get(0).get("dependsOn")).add("/nix/store/nowhere");
        ((ObjectNode) bom.get("components").get(0)).put("scope", "sometimes");
        Path bad = dir.resolve("bad.cdx.json");
        new ObjectMapper().writeValue(bad.toFile(), bom);
        List<String> problems = Validators.cycloneDxJson(bad);
        assertTrue(problems.stream().anyMatch(p -> p.contains("dangling dependsOn /nix/store/nowhere")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("scope")), problems.toString());
    }

    @ParameterizedTest
    @EnumSource(Graph.Mode.class)
    void cycloneDxXmlPassesSchema(Graph.Mode mode) throws Exception {
        Path f = Fixture.write(dir, sbom(mode), Format.CYCLONEDX_XML);
        assertEquals(List.of(), Validators.cycloneDxXml(f));

        Path bad = dir.resolve("bad.cdx.xml");
        Files.writeString(bad, Files.readString(f).replaceFirst("<name>", "<nome>").replaceFirst("</name>", "</nome>"));
        assertFalse(Validators.cycloneDxXml(bad).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Graph.Mode.class)
    void spdxJsonPassesToolsJavaVerifyAndSchema(Graph.Mode mode) throws Exception {
        Path f = Fixture.write(dir, sbom(mode), Format.SPDX_JSON);
        Validators.assertSpdxValid(f);
        assertEquals(java.util.Set.of(), Validators.spdxSchema(f));

        ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(f.toFile());
        ((ObjectNode) doc.get("packages").get(0)).remove("downloadLocation");
        Path bad = dir.resolve("bad.spdx.json");
        new ObjectMapper().writeValue(bad.toFile(), doc);
        assertNotEquals(java.util.Set.of(), Validators.spdxSchema(bad));
        assertFalse(Validators.spdxVerify(bad).stdout().contains("This SPDX Document is valid."));
    }

    @ParameterizedTest
    @EnumSource(Graph.Mode.class)
    void spdxTagValuePassesToolsJavaVerify(Graph.Mode mode) throws Exception {
        Path f = Fixture.write(dir, sbom(mode), Format.SPDX_TV);
        Validators.assertSpdxValid(f);

        Path bad = dir.resolve("bad.spdx");
        Files.writeString(bad, Files.readString(f).replaceFirst("Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-",
                "Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-missing-"));
        assertFalse(Validators.spdxVerify(bad).stdout().contains("This SPDX Document is valid."));
    }

    @ParameterizedTest
    @EnumSource(Graph.Mode.class)
    void documentsWithoutMetadataAreValidToo(Graph.Mode mode) throws Exception {
        Sbom s = Fixture.sbom(mode, NixpkgsMeta.none());
        assertEquals(List.of(), Validators.cycloneDxJson(Fixture.write(dir, s, Format.CYCLONEDX_JSON)));
        Validators.assertSpdxValid(Fixture.write(dir, s, Format.SPDX_JSON));
    }

    /** Image SBOMs (OS component, OS packages, Nix store paths, the image as root) in every format. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"oci/debian.oci.tar", "oci/alpine", "oci/distroless",
            "oci/nix-greeter.tar.gz", "oci/nix-snapshotter"})
    void imageDocumentsAreValid(String fixture) throws Exception {
        Sbom s = ImageSbom.build(dev.ocisc.catalog.ImageCatalog.of(TestData.path(fixture),
                dev.ocisc.oci.ReadOptions.defaults()), NixpkgsMeta.none(), Fixture.EPOCH_TIME, "test");
        assertEquals(List.of(), Validators.cycloneDxJson(Fixture.write(dir, s, Format.CYCLONEDX_JSON)));
        assertEquals(List.of(), Validators.cycloneDxXml(Fixture.write(dir, s, Format.CYCLONEDX_XML)));
        Path spdx = Fixture.write(dir, s, Format.SPDX_JSON);
        Validators.assertSpdxValid(spdx);
        assertEquals(java.util.Set.of(), Validators.spdxSchema(spdx));
        Validators.assertSpdxValid(Fixture.write(dir, s, Format.SPDX_TV));
    }

    /**
     * A real Debian minbase (debootstrap): its OS component, epochs in purls, and licences from the DEP-5 copyright
     * files (SPDX ids, WITH exceptions, Debian LicenseRefs declared as extracted licences) pass every validator.
     */
    @Test
    void debianMinbaseDocumentsAreValid() throws Exception {
        Sbom s = ImageSbom.build(dev.ocisc.catalog.ImageCatalog.of(DebianMinbase.image(),
                dev.ocisc.oci.ReadOptions.defaults()), NixpkgsMeta.none(), Fixture.EPOCH_TIME, "test");
        assertTrue(s.components().stream().filter(c -> c.license() != null).count() > 50);
        assertTrue(s.components().stream().anyMatch(c -> c.license() != null
                && c.license().expression().contains("LicenseRef-Debian-")));
        assertEquals(List.of(), Validators.cycloneDxJson(Fixture.write(dir, s, Format.CYCLONEDX_JSON)));
        assertEquals(List.of(), Validators.cycloneDxXml(Fixture.write(dir, s, Format.CYCLONEDX_XML)));
        Path spdx = Fixture.write(dir, s, Format.SPDX_JSON);
        Validators.assertSpdxValid(spdx);
        assertEquals(java.util.Set.of(), Validators.spdxSchema(spdx));
        Validators.assertSpdxValid(Fixture.write(dir, s, Format.SPDX_TV));
    }
}
