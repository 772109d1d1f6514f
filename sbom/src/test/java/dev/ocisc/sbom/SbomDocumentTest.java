package dev.ocisc.sbom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.sbom.report.DependencyOutline;
import dev.ocisc.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SbomReader#document}: ocisc's CycloneDX and SPDX documents of one SBOM read as the same components and the
 * same dependencies; the outline laid out from them is bounded whatever the relationships are.
 */
class SbomDocumentTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"nix-runtime", "nix-buildtime", "image-debian-oci", "image-nix-greeter"})
    void cycloneDxAndSpdxOfOneSbomReadAlike(String golden) {
        Path g = TestData.root().resolve("sbom/src/test/resources/golden");
        SbomDocument cdx = SbomReader.document(g.resolve(golden + ".cdx.json"));
        SbomDocument spdx = SbomReader.document(g.resolve(golden + ".spdx.json"));
        assertEquals(components(cdx), components(spdx));
        assertEquals(edges(cdx), edges(spdx));
        assertTrue(edges(cdx).size() > 0, golden);
        assertEquals(cdx.roots().size(), spdx.roots().size());
        assertEquals(label(cdx, cdx.roots().get(0)), label(spdx, spdx.roots().get(0)));
        // what ocisc writes as properties comes back from both: CycloneDX's properties, SPDX's comment
        assertEquals(properties(cdx), properties(spdx));
    }

    private static Set<String> properties(SbomDocument d) {
        Set<String> out = new TreeSet<>();
        d.components().forEach(c -> out.add(label(c) + c.properties()));
        return out;
    }

    private static Set<String> components(SbomDocument d) {
        Set<String> out = new TreeSet<>();
        for (SbomDocument.Item c : d.components()) {
            out.add(label(c) + " " + c.purl() + " " + c.hashes());
        }
        return out;
    }

    private static String label(SbomDocument.Item c) {
        // a component's own ref differs between the formats (bom-ref, SPDXID); what it is does not
        return c.name() + "@" + c.version() + " " + c.type().toLowerCase().replace('_', '-');
    }

    private static String label(SbomDocument d, String ref) {
        return label(d.components().stream().filter(c -> c.ref().equals(ref)).findFirst().orElseThrow());
    }

    private static Set<String> edges(SbomDocument d) {
        Map<String, String> names = new HashMap<>();
        d.components().forEach(c -> names.put(c.ref(), c.name() + "@" + c.version() + "#" + c.purl()));
        Set<String> out = new TreeSet<>();
        d.links().forEach(l -> out.add(names.get(l.from()) + " -> " + names.get(l.to())));
        return out;
    }

    @Test
    void aRefGivenToTwoComponentsIsBadInput() throws Exception {
        Path f = dir.resolve("twice.cdx.json");
        Files.writeString(f, "{\"bomFormat\":\"CycloneDX\",\"components\":[{\"bom-ref\":\"a\",\"name\":\"x\"},"
                + "{\"bom-ref\":\"a\",\"name\":\"y\"}]}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SbomReader.document(f));
        assertEquals(f + ": two components have the ref 'a'", e.getMessage());
    }

    @Test
    void moreComponentsThanAReportShowsIsBadInput() throws Exception {
        StringBuilder b = new StringBuilder("{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[");
        for (int i = 0; i <= SbomReader.MAX_COMPONENTS; i++) {
            b.append(i == 0 ? "" : ",").append("{\"SPDXID\":\"p").append(i).append("\"}");
        }
        Path f = dir.resolve("many.spdx.json");
        Files.writeString(f, b.append("]}"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SbomReader.document(f));
        assertEquals(f + ": more than 100000 components", e.getMessage());
    }

    /** Nested CycloneDX components as deep as the JSON reader allows are walked without recursion. */
    @Test
    void nestedComponentsAreRead() throws Exception {
        StringBuilder b = new StringBuilder("{\"bomFormat\":\"CycloneDX\",\"components\":[");
        int depth = 90; // two JSON levels a component: inside StrictJson's nesting limit
        for (int i = 0; i < depth; i++) {
            b.append("{\"bom-ref\":\"c").append(i).append("\",\"name\":\"c").append(i).append("\",\"components\":[");
        }
        b.append("]}".repeat(depth)).append("]}");
        Path f = dir.resolve("nested.cdx.json");
        Files.writeString(f, b);
        assertEquals(depth, SbomReader.document(f).components().size());
    }

    /**
     * A chain of 90,000 components that closes into a cycle, and every component depending on itself: the outline
     * starts at the first by name, the shortest paths run the whole chain, nothing recurses.
     */
    @Test
    void aLongCycleIsLaidOutIteratively() {
        int n = 90_000;
        List<SbomDocument.Item> items = new java.util.ArrayList<>();
        List<SbomDocument.Link> links = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(new SbomDocument.Item("r" + i, "", String.format("c%06d", i), "", null, null, List.of(),
                    Map.of()));
            links.add(new SbomDocument.Link("r" + i, "r" + ((i + 1) % n), "DEPENDS_ON"));
            links.add(new SbomDocument.Link("r" + i, "r" + i, "DEPENDS_ON"));
        }
        DependencyOutline o = DependencyOutline.of(new SbomDocument("CycloneDX 1.6", "", List.of(), items, links));
        assertArrayEquals(new int[] {0}, o.roots());
        assertEquals(n - 1, o.maxDepth());
        assertEquals(n, o.edges(), "self-dependencies are left out");
        assertEquals(n - 2, o.parent()[n - 1]);
    }
}
