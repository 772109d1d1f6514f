package dev.ocisc.sbom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.graph.Graph;
import dev.ocisc.testing.NixTruth;
import dev.ocisc.testing.TestData;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SBOMs list exactly what Nix reports for the testdata build: the same store paths (none missing, none
 * extra), the same edges, the NAR hashes of nix-store --dump. Read back from the written documents.
 */
class SbomTruthTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path temp;
    static Path scratch;

    @BeforeAll
    static void copyStore() {
        scratch = NixTruth.scratchStore(temp);
    }

    static JsonNode read(Graph.Mode mode, Format f) throws Exception {
        return JSON.readTree(Fixture.bytes(Fixture.sbom(mode, NixpkgsMeta.none()), f));
    }

    static Set<String> cdxRefs(JsonNode bom) {
        Set<String> refs = new TreeSet<>();
        refs.add(bom.path("metadata").path("component").path("bom-ref").asText());
        bom.path("components").forEach(c -> refs.add(c.path("bom-ref").asText()));
        return refs;
    }

    static Set<String> cdxEdges(JsonNode bom) {
        Set<String> edges = new TreeSet<>();
        for (JsonNode d : bom.path("dependencies")) {
            d.path("dependsOn").forEach(t -> edges.add(d.path("ref").asText() + " -> " + t.asText()));
        }
        return edges;
    }

    /** SPDX relationships turned back into "dependent -> dependency" store paths. */
    static Set<String> spdxEdges(JsonNode doc, String type) {
        Map<String, String> paths = new HashMap<>();
        for (JsonNode p : doc.path("packages")) {
            String comment = p.path("comment").asText();
            String path = comment.lines().filter(l -> l.startsWith("nix:output_path=") || l.startsWith("nix:drv_path="))
                    .sorted((a, b) -> a.startsWith("nix:output_path=") ? -1 : 1).findFirst().orElseThrow();
            paths.put(p.path("SPDXID").asText(), path.substring(path.indexOf('=') + 1));
        }
        Set<String> edges = new TreeSet<>();
        for (JsonNode r : doc.path("relationships")) {
            String t = r.path("relationshipType").asText();
            if (!t.equals(type)) {
                continue;
            }
            String a = paths.get(r.path("spdxElementId").asText());
            String b = paths.get(r.path("relatedSpdxElement").asText());
            edges.add(t.equals("BUILD_DEPENDENCY_OF") ? b + " -> " + a : a + " -> " + b);
        }
        return edges;
    }

    @Test
    void runtimeCycloneDxListsExactlyTheRuntimeClosure() throws Exception {
        JsonNode bom = read(Graph.Mode.RUNTIME, Format.CYCLONEDX_JSON);
        String out = NixTruth.nixStore(scratch, "-qR", Fixture.graph(Graph.Mode.RUNTIME).roots().get(0));
        assertEquals(NixTruth.paths(out), cdxRefs(bom));
        assertEquals(NixTruth.edges(NixTruth.read("runtime-graph.dot")), cdxEdges(bom));
        assertEquals(5, bom.path("dependencies").size(), "every component has a dependency entry");
    }

    @Test
    void buildtimeCycloneDxListsEveryDerivationAndSource() throws Exception {
        JsonNode bom = read(Graph.Mode.BUILDTIME, Format.CYCLONEDX_JSON);
        assertEquals(NixTruth.paths(NixTruth.nixStore(scratch, "-qR", NixTruth.drvPath())), cdxRefs(bom));
        assertEquals(NixTruth.edges(NixTruth.nixStore(scratch, "-q", "--graph", NixTruth.drvPath())), cdxEdges(bom));
        // Build-only components are scoped "excluded", run-time ones "required".
        Map<String, String> scope = new HashMap<>();
        bom.path("components").forEach(c -> {
            String base = c.path("bom-ref").asText().substring("/nix/store/".length() + 33);
            scope.put(base, c.path("scope").asText());
        });
        assertEquals("excluded", scope.get("greeting-data-1.0.tar.drv"));
        assertEquals("excluded", scope.get("fix-greeting.patch"));
        assertEquals("excluded", scope.get("libgreet"), "the copied source is build-only");
        assertEquals("required", scope.get("libgreet-1.4.2.drv"));
        assertEquals("required", scope.get("greeter.conf"));
    }

    @Test
    void spdxRelationshipsSplitRuntimeAndBuildOnlyEdges() throws Exception {
        JsonNode doc = read(Graph.Mode.BUILDTIME, Format.SPDX_JSON);
        Set<String> all = new TreeSet<>(spdxEdges(doc, "DEPENDS_ON"));
        Set<String> buildOnly = spdxEdges(doc, "BUILD_DEPENDENCY_OF");
        all.addAll(buildOnly);
        assertEquals(NixTruth.edges(NixTruth.read("build-graph.dot")), all);
        String drv = NixTruth.drvPath();
        assertTrue(buildOnly.stream().anyMatch(e -> e.startsWith(drv) && e.endsWith("-fix-greeting.patch")), buildOnly.toString());
        assertTrue(spdxEdges(doc, "DEPENDS_ON").stream().anyMatch(e -> e.startsWith(drv) && e.endsWith("-greeter.conf")));
        // The document describes exactly the target.
        Set<String> described = new TreeSet<>();
        doc.path("relationships").forEach(r -> {
            if (r.path("relationshipType").asText().equals("DESCRIBES")) {
                described.add(r.path("relatedSpdxElement").asText());
            }
        });
        assertEquals(Set.of("SPDXRef-" + drv.substring("/nix/store/".length())), described);
    }

    @Test
    void hashesAreNarSha256AsNixStoreDumpGives() throws Exception {
        JsonNode bom = read(Graph.Mode.RUNTIME, Format.CYCLONEDX_JSON);
        Map<String, String> truth = new HashMap<>();
        NixTruth.read("nar-sha256.txt").lines().forEach(l -> truth.put(l.split(" ")[0], l.split(" ")[1]));
        java.util.List<JsonNode> all = new java.util.ArrayList<>();
        all.add(bom.path("metadata").path("component"));
        bom.path("components").forEach(all::add);
        for (JsonNode c : all) {
            assertEquals(truth.get(c.path("bom-ref").asText()), c.path("hashes").get(0).path("content").asText());
            assertEquals("SHA-256", c.path("hashes").get(0).path("alg").asText());
        }
        JsonNode spdx = read(Graph.Mode.RUNTIME, Format.SPDX_JSON);
        for (JsonNode p : spdx.path("packages")) {
            assertTrue(truth.containsValue(p.path("checksums").get(0).path("checksumValue").asText()));
        }
    }

    @Test
    void fixedOutputSourcesCarryUrlsAndDeclaredHash() throws Exception {
        JsonNode doc = read(Graph.Mode.BUILDTIME, Format.SPDX_JSON);
        JsonNode data = null;
        for (JsonNode p : doc.path("packages")) {
            if (p.path("name").asText().equals("greeting-data")) {
                data = p;
            }
        }
        assertTrue(data != null);
        assertEquals("https://downloads.example.org/greeting-data-1.0.tar", data.path("downloadLocation").asText());
        assertTrue(data.path("sourceInfo").asText().contains("https://mirror.example.net/greeting-data-1.0.tar"));
        JsonNode bom = read(Graph.Mode.BUILDTIME, Format.CYCLONEDX_JSON);
        for (JsonNode c : bom.path("components")) {
            if (c.path("name").asText().equals("greeting-data")) {
                assertEquals(2, c.path("externalReferences").size());
                JsonNode ref = c.path("externalReferences").get(0);
                assertEquals("distribution", ref.path("type").asText());
                // The declared flat hash is the download's own SHA-256, checked in ClosureTruthTest with sha256sum.
                assertEquals("SHA-256", ref.path("hashes").get(0).path("alg").asText());
                assertEquals(64, ref.path("hashes").get(0).path("content").asText().length());
            }
        }
    }

    @Test
    void outputIsByteIdenticalAcrossRunsAndSerialFollowsContent() {
        for (Format f : Format.values()) {
            byte[] a = Fixture.bytes(Fixture.sbom(Graph.Mode.RUNTIME, NixpkgsMeta.none()), f);
            byte[] b = Fixture.bytes(Fixture.sbom(Graph.Mode.RUNTIME, NixpkgsMeta.none()), f);
            assertArrayEquals(a, b, f.cliName());
        }
        assertNotEquals(Fixture.sbom(Graph.Mode.RUNTIME, NixpkgsMeta.none()).serial(),
                Fixture.sbom(Graph.Mode.BUILDTIME, NixpkgsMeta.none()).serial());
    }

    @Test
    void timestampComesFromTheGivenTime() throws Exception {
        JsonNode bom = read(Graph.Mode.RUNTIME, Format.CYCLONEDX_JSON);
        assertEquals("2023-11-14T22:13:20Z", bom.path("metadata").path("timestamp").asText());
        JsonNode spdx = read(Graph.Mode.RUNTIME, Format.SPDX_JSON);
        assertEquals("2023-11-14T22:13:20Z", spdx.path("creationInfo").path("created").asText());
    }

    @Test
    void purlAndCpeOfTheApp() throws Exception {
        JsonNode root = read(Graph.Mode.RUNTIME, Format.CYCLONEDX_JSON).path("metadata").path("component");
        String hash = root.path("bom-ref").asText().substring("/nix/store/".length(), "/nix/store/".length() + 32);
        assertEquals("pkg:nix/greeter@2.1.0?output=out&outputhash=" + hash, root.path("purl").asText());
        assertEquals("cpe:2.3:a:*:greeter:2.1.0:*:*:*:*:*:*:*", root.path("cpe").asText());
        // The root is what the result link names (read as a link: its target exists only in the relocated store).
        assertEquals(java.nio.file.Files.readSymbolicLink(TestData.path("nix/result")).toString(),
                root.path("bom-ref").asText());
    }
}
