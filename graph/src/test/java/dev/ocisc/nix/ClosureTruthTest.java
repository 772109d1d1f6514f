package dev.ocisc.nix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.graph.Edge;
import dev.ocisc.graph.Graph;
import dev.ocisc.graph.Node;
import dev.ocisc.graph.NodeKind;
import dev.ocisc.graph.Usage;
import dev.ocisc.testing.NixTruth;
import dev.ocisc.testing.TestData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The graphs ocisc reads from the testdata store hold exactly what Nix itself reports. */
class ClosureTruthTest {
    @TempDir
    static Path temp;
    static Path scratch;

    @BeforeAll
    static void copyStore() {
        scratch = NixTruth.scratchStore(temp);
    }

    static Graph runtime() {
        return new NixTarget(TestData.path("nix/result").toString(), TestData.nixStore()).resolve(Graph.Mode.RUNTIME);
    }

    static Graph buildtime() {
        return new NixTarget(TestData.path("nix/result").toString(), TestData.nixStore()).resolve(Graph.Mode.BUILDTIME);
    }

    static Set<String> edges(Graph g) {
        return g.edges().stream().map(e -> e.from() + " -> " + e.to()).collect(Collectors.toCollection(TreeSet::new));
    }

    String out() {
        return runtime().roots().get(0);
    }

    @Test
    void runtimeClosureEqualsNixStoreQR() {
        Graph g = runtime();
        assertEquals(NixTruth.paths(NixTruth.read("runtime-closure.txt")), new TreeSet<>(g.paths()));
        assertEquals(NixTruth.paths(NixTruth.nixStore(scratch, "-qR", out())), new TreeSet<>(g.paths()));
    }

    @Test
    void runtimeEdgesEqualNixStoreGraph() {
        Graph g = runtime();
        Set<String> truth = NixTruth.edges(NixTruth.read("runtime-graph.dot"));
        assertTrue(truth.size() >= 4, "fixture has run-time edges");
        assertEquals(truth, edges(g));
        assertEquals(NixTruth.edges(NixTruth.nixStore(scratch, "-q", "--graph", out())), edges(g));
    }

    @Test
    void buildClosureEqualsNixStoreQROfDrv() {
        Graph g = buildtime();
        assertEquals(List.of(NixTruth.drvPath()), g.roots());
        assertEquals(NixTruth.paths(NixTruth.read("build-closure.txt")), new TreeSet<>(g.paths()));
        assertEquals(NixTruth.paths(NixTruth.nixStore(scratch, "-qR", NixTruth.drvPath())), new TreeSet<>(g.paths()));
    }

    @Test
    void buildEdgesEqualNixStoreGraphOfDrv() {
        Graph g = buildtime();
        assertEquals(NixTruth.edges(NixTruth.read("build-graph.dot")), edges(g));
        assertEquals(NixTruth.edges(NixTruth.nixStore(scratch, "-q", "--graph", NixTruth.drvPath())), edges(g));
    }

    @Test
    void narHashesEqualNixHashOfTheFiles() {
        Graph g = runtime();
        Map<String, String> truth = NixTruth.read("nar-sha256.txt").lines()
                .map(l -> l.split(" ")).collect(Collectors.toMap(a -> a[0], a -> a[1]));
        assertEquals(truth.keySet(), new TreeSet<>(g.paths()));
        for (Node n : g.nodes().values()) {
            assertEquals(truth.get(n.path()), n.narSha256(), n.path());
        }
        // And live, by Nix's own NAR serialiser: nix-hash hashes the NAR of any directory, so this needs neither
        // the paths in /nix/store nor a store database (nix-store --dump of a relocated store reads /nix/store).
        dev.ocisc.testing.Tools.require("nix-hash");
        for (Node n : g.nodes().values()) {
            String live = dev.ocisc.testing.Tools.check(null, "nix-hash", "--type", "sha256",
                    scratch.resolve(n.path().substring(1)).toString()).strip();
            assertTrue(live.matches("[0-9a-f]{64}"), live);
            assertEquals(live, n.narSha256(), n.path());
        }
    }

    @Test
    void derivationLessPathsAreKeptAsSources() {
        Graph g = runtime();
        Node conf = g.nodes().values().stream().filter(n -> n.name().equals("greeter.conf")).findFirst().orElseThrow();
        assertEquals(NodeKind.SOURCE, conf.kind());
        assertEquals(null, conf.deriver());
        Node app = g.node(out());
        assertEquals("greeter", app.name());
        assertEquals("2.1.0", app.version());
        assertEquals("out", app.output());
        assertEquals(NixTruth.drvPath(), app.deriver());
    }

    @Test
    void buildOnlyInputsAreMarkedFromTheOutputsReferences() {
        Graph g = buildtime();
        String drv = NixTruth.drvPath();
        Map<String, Edge> fromApp = g.dependenciesOf(drv).stream()
                .collect(Collectors.toMap(e -> StorePath.parse(e.to()).packageName(), e -> e));
        assertEquals(Usage.RUNTIME, fromApp.get("libgreet-1.4.2").usage());
        assertEquals(List.of("dev", "out"), fromApp.get("libgreet-1.4.2").outputs());
        assertEquals(Usage.RUNTIME, fromApp.get("greeter.conf").usage());
        assertEquals(Usage.BUILD_ONLY, fromApp.get("greeting-data-1.0.tar").usage());
        assertEquals(Usage.BUILD_ONLY, fromApp.get("fix-greeting.patch").usage());
        // Node usage agrees with the run-time closure: build-only nodes are exactly those outside it.
        Set<String> runtimeDrvs = runtime().nodes().values().stream().map(Node::deriver)
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        Set<String> runtimePaths = new TreeSet<>(runtime().paths());
        for (Node n : g.nodes().values()) {
            boolean inRuntime = n.kind() == NodeKind.DERIVATION ? runtimeDrvs.contains(n.path())
                    : runtimePaths.contains(n.path());
            assertEquals(inRuntime ? Usage.RUNTIME : Usage.BUILD_ONLY, n.usage(), n.path());
        }
    }

    @Test
    void fixedOutputsCarryTheirDeclaredHashAndUrls() {
        Graph g = buildtime();
        Node data = g.nodes().values().stream().filter(n -> n.name().equals("greeting-data")).findFirst().orElseThrow();
        assertNotNull(data.fixedOutput());
        assertEquals("sha256", data.fixedOutput().algorithm());
        assertEquals(false, data.fixedOutput().recursive());
        assertEquals(2, data.fixedOutput().urls().size());
        Node fonts = g.nodes().values().stream().filter(n -> n.name().equals("fonts-src")).findFirst().orElseThrow();
        assertEquals(true, fonts.fixedOutput().recursive());
        assertEquals(1, fonts.fixedOutput().urls().size());
        // The flat hash is the SHA-256 of the downloaded file, which the store also holds.
        String file = NixTruth.nixStore(scratch, "-q", "--outputs", data.path()).strip();
        assertEquals(data.fixedOutput().hashHex(),
                dev.ocisc.testing.Tools.check(null, "sha256sum", scratch.resolve(file.substring(1)).toString())
                        .split(" ")[0]);
    }

    @Test
    void derivationJsonDumpsGiveTheSameBuildGraph() {
        Graph fromDrvFiles = buildtime();
        for (String dump : List.of("nix/derivation-show.json", "nix/derivation-show-v4.json")) {
            Graph g = new NixTarget(TestData.path(dump).toString(), null).resolve(Graph.Mode.BUILDTIME);
            assertEquals(fromDrvFiles.roots(), g.roots(), dump);
            assertEquals(fromDrvFiles.nodes().keySet(), g.nodes().keySet(), dump);
            assertEquals(edges(fromDrvFiles), edges(g), dump);
            for (Node n : g.nodes().values()) {
                Node d = fromDrvFiles.node(n.path());
                assertEquals(d.name(), n.name(), dump + " " + n.path());
                assertEquals(d.version(), n.version(), dump + " " + n.path());
                assertEquals(d.fixedOutput() == null ? null : d.fixedOutput().hashHex(),
                        n.fixedOutput() == null ? null : n.fixedOutput().hashHex(), dump + " " + n.path());
            }
        }
    }

    @Test
    void derivationJsonAskedForRuntimeGivesBuildGraph() {
        Graph g = new NixTarget(TestData.path("nix/derivation-show.json").toString(), null).resolve(Graph.Mode.RUNTIME);
        assertEquals(Graph.Mode.BUILDTIME, g.mode());
    }

    @Test
    void pathInfoDumpGivesTheSameRuntimeGraph() {
        Graph fromDb = runtime();
        Graph g = new NixTarget(TestData.path("nix/path-info.json").toString(), null).resolve(Graph.Mode.RUNTIME);
        assertEquals(fromDb.roots(), g.roots());
        assertEquals(edges(fromDb), edges(g));
        for (Node n : g.nodes().values()) {
            assertEquals(fromDb.node(n.path()).narSha256(), n.narSha256());
        }
    }

    @Test
    void nixCliFallbackAgreesWithTheDatabase() {
        dev.ocisc.testing.Tools.require("nix");
        NixStore db = NixStore.open(TestData.nixStore());
        NixCli cli = new NixCli("local?root=" + scratch);
        Graph viaDb = RuntimeClosure.walk(db, db, List.of(out()));
        Graph viaCli = RuntimeClosure.walk(cli, db, List.of(out()));
        assertEquals(viaDb, viaCli);
        assertTrue(cli.get("/nix/store/00000000000000000000000000000000-missing").isEmpty());
    }

    @Test
    void drvTargetInRuntimeModeIsItsOutputsClosure() {
        Graph g = new NixTarget(TestData.nixStore().resolve(NixTruth.drvPath().substring(1)).toString(),
                TestData.nixStore()).resolve(Graph.Mode.RUNTIME);
        // out first, then the other outputs.
        assertEquals(out(), g.roots().get(0));
        assertEquals(2, g.roots().size());
    }

    @Test
    void relativeLinkIntoARelocatedStoreResolves() throws Exception {
        Path link = temp.resolve("result-rel");
        Path target = TestData.nixStore().resolve(out().substring(1));
        java.nio.file.Files.createSymbolicLink(link, temp.relativize(target));
        Graph g = new NixTarget(link.toString(), TestData.nixStore()).resolve(Graph.Mode.RUNTIME);
        assertEquals(List.of(out()), g.roots());
        // A file inside a store path stands for the store path.
        Graph inner = new NixTarget(out() + "/bin/greeter", TestData.nixStore()).resolve(Graph.Mode.RUNTIME);
        assertEquals(List.of(out()), inner.roots());
    }

    /** The database's bulk answers equal its one-path answers (and the interface's default loops). */
    @Test
    void bulkLookupsAgreeWithSingleLookups() {
        List<String> paths = new java.util.ArrayList<>(buildtime().paths());
        paths.addAll(runtime().paths());
        paths.add("/nix/store/00000000000000000000000000000000-missing");
        try (StoreDatabase bulk = StoreDatabase.open(TestData.nixStore().resolve("nix/var/nix/db/db.sqlite"));
                StoreDatabase single = StoreDatabase.open(TestData.nixStore().resolve("nix/var/nix/db/db.sqlite"))) {
            Map<String, PathInfo> all = bulk.getAll(paths);
            Set<String> valid = new TreeSet<>(paths);
            valid.remove("/nix/store/00000000000000000000000000000000-missing");
            assertEquals(valid, new TreeSet<>(all.keySet()));
            for (String p : paths) {
                assertEquals(single.get(p).orElse(null), all.get(p), p);
            }
            assertEquals(single.closure(List.of(out())).keySet(), new TreeSet<>(NixTruth.paths(NixTruth.read("runtime-closure.txt"))));
        }
    }

    /**
     * Output names come from the store's DerivationOutputs table, so a run-time graph needs no .drv file but
     * for downloads: without any derivation at hand the nodes are the same.
     */
    @Test
    void runtimeNodesNeedNoDerivationFiles() {
        NixStore store = NixStore.open(TestData.nixStore());
        Graph withDrvs = RuntimeClosure.walk(store, store, List.of(out()));
        Graph without = RuntimeClosure.walk(store, p -> java.util.Optional.empty(), List.of(out()));
        assertEquals(withDrvs, without);
        assertEquals("out", without.node(out()).output());
    }
}
