package dev.ocisc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.oci.ReadOptions;
import dev.ocisc.oci.TestDataTruth;
import dev.ocisc.testing.TestData;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.ocisc.oci.TestLayouts;
import java.nio.file.Path;

/** The catalog of each fixture image against what the tools that made its contents say. */
class ImageCatalogTest {
    private static final Pattern DOT_EDGE = Pattern.compile("\"([^\"]+)\" -> \"([^\"]+)\"");

    /** {@code nix-store -q --graph}: an edge "A" -> "B" means B refers to A. Returned as referrer -> reference. */
    static Set<String> truthEdges() {
        Set<String> edges = new TreeSet<>();
        for (String line : TestDataTruth.lines("nix/truth/runtime-graph.dot")) {
            Matcher m = DOT_EDGE.matcher(line);
            if (m.find()) {
                edges.add("/nix/store/" + m.group(2) + " -> /nix/store/" + m.group(1));
            }
        }
        return edges;
    }

    @ParameterizedTest
    @CsvSource({"oci/nix-greeter.tar, scan", "oci/nix-greeter.tar.gz, scan", "oci/nix-greeter-db.tar.zst, db", "oci/nix-umoci, scan"})
    void nixImageMatchesTheClosureNixPrinted(String fixture, String refsFrom) {
        ImageCatalog c = ImageCatalog.of(TestData.path(fixture), ReadOptions.defaults());
        assertEquals(TestDataTruth.runtimeClosure(), c.storePaths().stream().map(NixStorePath::path).toList());
        Set<String> edges = new TreeSet<>();
        c.storePaths().forEach(p -> p.references().forEach(r -> edges.add(p.path() + " -> " + r)));
        assertEquals(truthEdges(), edges);
        TreeMap<String, String> nar = new TreeMap<>();
        for (String l : TestDataTruth.lines("nix/truth/nar-sha256.txt")) {
            nar.put(l.split(" ")[0], l.split(" ")[1]);
        }
        assertEquals(nar, c.storePaths().stream().collect(Collectors.toMap(NixStorePath::path,
                NixStorePath::narSha256, (a, b) -> a, TreeMap::new)));
        c.storePaths().forEach(p -> assertEquals(refsFrom, p.refsFrom(), p.path()));
        assertEquals(List.of(), c.warnings(), "history comments agree with the layers");
        assertTrue(c.packages().isEmpty());
    }

    static Set<String> truth(String file, boolean withArch) {
        return TestDataTruth.lines(file).stream().map(l -> {
            String[] f = l.split("\t");
            return f[0] + " " + f[1] + (withArch ? " " + f[2] : "");
        }).collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> found(ImageCatalog c, boolean withArch) {
        return c.packages().stream().map(p -> p.pkg().name() + " " + p.pkg().version()
                + (withArch ? " " + p.pkg().arch() : "")).collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest
    @CsvSource({"oci/debian", "oci/debian.oci.tar", "oci/debian.docker.tar", "oci/docker25.tar"})
    void debianPackagesEqualDpkgQuery(String fixture) {
        ImageCatalog c = ImageCatalog.of(TestData.path(fixture), ReadOptions.defaults());
        assertEquals(truth("oci/truth/debian-dpkg-query.txt", true), found(c, true));
        assertTrue(c.storePaths().isEmpty());
        c.packages().forEach(p -> assertEquals(0, p.layer(), p.pkg().name() + " came with the first layer"));
        assertEquals("debian", c.osRelease().get("ID"));
    }

    @Test
    void distrolessStatusDirectory() {
        ImageCatalog c = ImageCatalog.of(TestData.path("oci/distroless"), ReadOptions.defaults());
        assertEquals(truth("oci/truth/distroless-status-d.txt", true), found(c, true));
        assertTrue(c.packages().stream().allMatch(p -> p.pkg().database().startsWith("/var/lib/dpkg/status.d/")));
    }

    @Test
    void alpineApkDatabaseWithLicenses() {
        ImageCatalog c = ImageCatalog.of(TestData.path("oci/alpine"), ReadOptions.defaults());
        assertEquals(truth("oci/truth/alpine-apk.txt", false), found(c, false));
        OsPackage musl = c.packages().stream().map(FoundPackage::pkg).filter(p -> p.name().equals("musl"))
                .findFirst().orElseThrow();
        assertEquals("MIT", musl.license());
        assertEquals("x86_64", musl.arch());
    }

    @Test
    void storePathInAnOrderThatIsNotNarOrderGetsNoGuessedHash(@TempDir Path tmp) {
        String sp = "nix/store/ijiiw228b0806krf9p033673fib6yrjb-demo-1.0";
        String other = "nix/store/x0zadn9s05w6dsqgfc0d6ik91mcwivkg-dep-2";
        Path dir = TestLayouts.write(tmp.resolve("img"), List.of(TestLayouts.LayerSpec.tar(TestLayouts.tar(
                "d " + sp, "f " + sp + "/z uses /" + other + "/bin", "f " + sp + "/a first", "d " + other,
                "f " + other + "/x y"))));
        ImageCatalog c = ImageCatalog.of(dir, ReadOptions.defaults());
        NixStorePath demo = c.storePaths().stream().filter(p -> p.path().equals("/" + sp)).findFirst().orElseThrow();
        assertNull(demo.narSha256());
        assertEquals(Set.of("/" + other), demo.references(), "references are still found by scanning");
        assertTrue(c.warnings().stream().anyMatch(w -> w.contains(sp) && w.contains("not NAR order")), c.warnings().toString());
        NixStorePath dep = c.storePaths().stream().filter(p -> p.path().equals("/" + other)).findFirst().orElseThrow();
        assertTrue(dep.narSha256() != null && dep.narSize() > 0);
    }

    @Test
    void outputSuffixes() {
        assertEquals("dev", dev.ocisc.nix.DrvName.outputOf("libgreet-1.4.2-dev"));
        assertEquals("doc", dev.ocisc.nix.DrvName.outputOf("greeter-2.1.0-doc"));
        assertNull(dev.ocisc.nix.DrvName.outputOf("greeter-2.1.0"));
        assertNull(dev.ocisc.nix.DrvName.outputOf("greeter.conf"));
    }
}
