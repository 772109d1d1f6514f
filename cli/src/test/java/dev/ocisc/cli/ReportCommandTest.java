package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.nix.NixBase32;
import dev.ocisc.sbom.SbomDocument;
import dev.ocisc.sbom.SbomReader;
import dev.ocisc.testing.Browser;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ocisc report SBOM -f html} through the real CLI: the pages of SBOMs ocisc wrote (of a Nix closure, of
 * images in both formats) and of a 10,000-package closure shaped as bench/graph's, loaded in chromium.
 */
class ReportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path report(Path sbom, String name) {
        Path html = tmp.resolve(name + ".html");
        Tools.Result r = Ocisc.inProcess("report", sbom.toString(), "-f", "html", "-o", html.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("", r.stdout());
        return html;
    }

    /** The Debian image's SBOM: every dpkg package in the table, found by search, with the layer that holds it. */
    @Test
    void theDebianImagesSbomInBothFormats() throws Exception {
        for (String format : List.of("cyclonedx-json", "spdx-json")) {
            Path sbom = tmp.resolve("debian." + format);
            Tools.Result s = Ocisc.inProcess("sbom", TestData.path("oci/debian").toString(), "-f", format, "-o",
                    sbom.toString());
            assertEquals(0, s.exitCode(), s.stderr());
            Path html = report(sbom, "debian-" + format);
            String page = Files.readString(html);
            int packages = ImageCommandsTest.lines("oci/truth/debian-dpkg-query.txt").size();
            Browser.Page p = Browser.load(html, "report-sbom-debian-" + format,
                    List.of("#components tbody tr", "#graph .node", "#licences tbody tr"),
                    List.of(new Browser.Search("input[data-filter=components]", "pkg:deb/", "#components tbody tr"),
                            new Browser.Search("input[data-filter=components]", "no such package", "#components tbody tr"),
                            new Browser.Search("#graph-search", "pkg:deb/", "#graph .hit", true)))
                    .assertClean();
            // the image, its operating system and its packages
            assertEquals(packages + 2, p.count("#components tbody tr"), page);
            assertEquals(List.of(packages, 0, packages), p.searchVisible());
            assertEquals(0, p.count("#licences tbody tr"), "the minimal Debian image has no copyright files");
            assertLayersShown(sbom, page);
        }
    }

    /** The Nix image: components found in layers name the layer's index and digest; the page is the same bytes twice. */
    @Test
    void theNixImagesSbomNamesEachPathsLayer() throws Exception {
        Path sbom = tmp.resolve("nix.cdx.json");
        assertEquals(0, Ocisc.inProcess("sbom", TestData.path("oci/nix-greeter.tar.gz").toString(), "-o", sbom.toString()).exitCode());
        Path html = report(sbom, "nix-greeter");
        byte[] again = Ocisc.inProcess("report", sbom.toString()).stdout().getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(Files.readAllBytes(html), again, "same SBOM, same page (stdout and -o alike)");
        Path syftStyle = tmp.resolve("syft-style.html");
        assertEquals(0, Ocisc.inProcess("report", sbom.toString(), "-o", "html=" + syftStyle).exitCode());
        assertArrayEquals(again, Files.readAllBytes(syftStyle), "-o html=FILE");
        assertLayersShown(sbom, Files.readString(html));
        Browser.Page p = Browser.load(html, "report-sbom-nix-greeter", List.of("#components tbody tr", "#graph .node"),
                List.of(new Browser.Search("#graph-search", "libgreet", "#graph .hit", true))).assertClean();
        assertEquals(List.of(1), p.searchVisible());
    }

    /**
     * ocisc's golden SBOMs (a Nix closure at run and build time, with nixpkgs licences; two images), in both formats:
     * every component in the table, the licences counted, and the same graph whichever format it was read from.
     */
    @Test
    void theGoldenSbomsInBothFormats() throws Exception {
        Path golden = TestData.root().resolve("sbom/src/test/resources/golden");
        for (String name : List.of("nix-runtime", "nix-buildtime", "image-nix-greeter")) {
            List<Integer> graphRows = new ArrayList<>();
            for (String ext : List.of(".cdx.json", ".spdx.json")) {
                Path sbom = golden.resolve(name + ext);
                SbomDocument doc = SbomReader.document(sbom);
                long licences = doc.components().stream().map(SbomDocument.Item::license)
                        .filter(java.util.Objects::nonNull).distinct().count();
                Path html = report(sbom, name + ext);
                Browser.Page p = Browser.load(html, "report-sbom-" + name + ext.replace('.', '-'),
                        List.of("#components tbody tr", "#licences tbody tr"),
                        List.of(new Browser.Search("#graph-search", "", "#graph .node"),
                                new Browser.Search("#graph-search", "libgreet", "#graph .hit", true))).assertClean();
                assertEquals(doc.components().size(), p.count("#components tbody tr"), name + ext);
                assertEquals(licences, p.count("#licences tbody tr"), name + ext);
                assertTrue(p.searchVisible().get(1) > 0, name + ext + ": libgreet found");
                graphRows.addAll(p.searchVisible());
            }
            assertEquals(graphRows.subList(0, 2), graphRows.subList(2, 4), name + ": the same outline from either format");
        }
    }

    /** Every component found in a layer names that layer's digest in the page (for SPDX: read from the comment). */
    static void assertLayersShown(Path sbom, String page) {
        int layered = 0;
        for (SbomDocument.Item c : SbomReader.document(sbom).components()) {
            String digest = c.properties().get("oci:layer_digest");
            if (digest != null) {
                assertTrue(page.contains("title=\"" + digest + "\""), c.name());
                layered++;
            }
        }
        assertTrue(layered > 0, "components with a layer in " + sbom);
    }

    /**
     * 10,000 packages shaped as bench/graph/gen.nix's (package i needs i-1, i/2 and 0),
     * written by ocisc sbom from a JSON graph, in both formats: the page loads within seconds with no error, a
     * package deep in the graph is found and its path shown, the table filters.
     */
    @Test
    void tenThousandPackagesStayUsable() throws Exception {
        int n = 10_000;
        Path graph = tmp.resolve("closure.json");
        Files.writeString(graph, pathInfo(n));
        for (String format : List.of("cyclonedx-json", "spdx-json")) {
            Path sbom = tmp.resolve("big." + format);
            Tools.Result s = Ocisc.inProcess("sbom", graph.toString(), "-f", format, "-o", sbom.toString());
            assertEquals(0, s.exitCode(), s.stderr());
            long t0 = System.nanoTime();
            Path html = report(sbom, "big-" + format);
            long javaMillis = (System.nanoTime() - t0) / 1_000_000;
            Browser.Page p = Browser.load(html, "report-sbom-10000-" + format,
                    List.of("#components tbody tr", "#graph .node"),
                    List.of(new Browser.Search("input[data-filter=components]", "pkg9998 ", "#components tbody tr"),
                            new Browser.Search("#graph-search", "pkg5000 ", "#graph .hit"),
                            new Browser.Search("#graph-search", "pkg5000 ", "#graph .gap"),
                            new Browser.Search("#graph-search", "pkg5000 ", "#graph .node", true)))
                    .assertClean();
            assertEquals(n, p.count("#components tbody tr"));
            // the root open: what the top package needs, not the whole graph
            assertTrue(p.count("#graph .node") < 10, "rows drawn at load: " + p.count("#graph .node"));
            // pkg5000 is 4,999 steps from the top (each step down 1 or halving): the path shows its ends and folds
            // the rest into one row that unfolds it
            assertEquals(List.of(1, 1, 1, 10), p.searchVisible());
            assertTrue(p.loadMillis() < 15_000, "loaded in " + p.loadMillis() + " ms");
            System.out.printf("10,000-package %s: report %d ms (in-process), %d bytes; chromium load %d ms%n", format,
                    javaMillis, Files.size(html), p.loadMillis());
        }
    }

    /** The report of a document with a dependency cycle opens it once per path and marks it; nothing hangs. */
    @Test
    void aCycleIsDrawnOnceAndMarked() throws Exception {
        Path sbom = tmp.resolve("cycle.cdx.json");
        Files.writeString(sbom, """
                {"bomFormat":"CycloneDX","specVersion":"1.6",
                 "components":[{"bom-ref":"a","name":"a"},{"bom-ref":"b","name":"b"},{"bom-ref":"c","name":"c"}],
                 "dependencies":[{"ref":"a","dependsOn":["b"]},{"ref":"b","dependsOn":["c"]},
                                 {"ref":"c","dependsOn":["a","c"]}]}""");
        Path html = report(sbom, "cycle");
        Browser.Page p = Browser.load(html, "report-sbom-cycle", List.of("#graph .node", "#graph .tw.leaf"),
                List.of(new Browser.Search("#graph-search", "c", "#graph .node"))).assertClean();
        assertEquals(2, p.count("#graph .node"), "root a, opened: b");
        assertEquals(List.of(3), p.searchVisible(), "a > b > c");
    }

    /** Names and purls made to add markup or leave the data element stay text: the page loads nothing, runs nothing. */
    @Test
    void hostileNamesStayText() throws Exception {
        String img = "<img src=http://192.0.2.1/x.png onerror=alert(1)>";
        String close = "</script><script>alert(2)</script>";
        Path sbom = tmp.resolve("hostile.spdx.json");
        Files.writeString(sbom, JSON.writeValueAsString(Map.of("spdxVersion", "SPDX-2.3", "name", img,
                "packages", List.of(
                        Map.of("SPDXID", "SPDXRef-a", "name", img, "versionInfo", close, "licenseDeclared", img,
                                "externalRefs", List.of(Map.of("referenceType", "purl", "referenceLocator", close)),
                                "comment", "oci:layer_digest=" + img + "\nocisc:evidence_path=" + close),
                        Map.of("SPDXID", "SPDXRef-b", "name", close + "\u001b[31m")),
                "relationships", List.of(Map.of("spdxElementId", "SPDXRef-a", "relationshipType", "DEPENDS_ON",
                        "relatedSpdxElement", "SPDXRef-b")))));
        Path html = report(sbom, "hostile");
        String page = Files.readString(html);
        assertEquals(1, page.split("<script>", -1).length - 1, "only ocisc's own script element");
        assertTrue(!page.contains("<img"), "no image element");
        Browser.Page p = Browser.load(html, "report-sbom-hostile", List.of("#components tbody tr", "img"),
                List.of(new Browser.Search("#graph-search", "alert(2)", "#graph .hit"))).assertClean();
        assertEquals(2, p.count("#components tbody tr"));
        assertEquals(0, p.count("img"));
        assertEquals(List.of(2), p.searchVisible(), "both found as text");
    }

    @Test
    void notAnSbomIsBadInput() throws Exception {
        Path f = tmp.resolve("x.json");
        Files.writeString(f, "{\"a\":1}");
        Tools.Result r = Ocisc.inProcess("report", f.toString());
        assertEquals(3, r.exitCode());
        assertEquals("ocisc: " + f + ": not a CycloneDX or SPDX JSON document\n", r.stderr());
        assertEquals("", r.stdout());
        Tools.Result usage = Ocisc.inProcess("report", f.toString(), "-f", "json");
        assertEquals(2, usage.exitCode());
        assertTrue(usage.stderr().contains("expected one of html"), usage.stderr());
    }

    /**
     * A closure as {@code nix path-info --json -r} prints it, shaped as bench/graph/gen.nix's: package i needs i-1,
     * i/2 and 7i mod i when they exist; names pkgI-1.(I mod 10); the top package is the last.
     */
    static String pathInfo(int n) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] h = sha.digest(("pkg" + i).getBytes(StandardCharsets.UTF_8));
            String hash = NixBase32.encode(java.util.Arrays.copyOf(h, 20));
            paths.add("/nix/store/" + hash + "-pkg" + i + "-1." + (i % 10));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TreeSet<Integer> deps = new TreeSet<>();
            if (i > 0) {
                for (int j : new int[] {i - 1, i / 2, (i * 7) % i}) {
                    if (j >= 0 && j < i) {
                        deps.add(j);
                    }
                }
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("path", paths.get(i));
            p.put("narHash", "sha256-" + Base64.getEncoder().encodeToString(
                    sha.digest(paths.get(i).getBytes(StandardCharsets.UTF_8))));
            p.put("narSize", 120 + i);
            p.put("references", deps.stream().map(paths::get).toList());
            out.add(p);
        }
        return JSON.writeValueAsString(out);
    }
}
