package dev.ocisc.cli;

import static dev.ocisc.cli.CliIT.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.failure.ExitCode;
import dev.ocisc.graph.report.GraphTreeWriter;
import dev.ocisc.json.StrictJson;
import dev.ocisc.testing.DrvStore;
import dev.ocisc.testing.NixTruth;
import dev.ocisc.testing.Tools;
import dev.ocisc.testing.TreeSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nix inputs made to hurt, given to the ocisc command as users run it: bounded time, one-line errors. */
class HostileNixIT {
    static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    /** An empty store with the fixture's database, for the test to fill. */
    DrvStore store;

    @BeforeEach
    void emptyStore() {
        store = DrvStore.create(dir.resolve("drvs"));
    }

    /** 20,000 derivations in a chain: the tree and --why follow it without recursion, in bounded lines. */
    @Test
    void aChainOfTwentyThousandDerivationsIsShownAsATreeAndExplained() {
        String target = store.chain(20_000);
        String root = store.root().toString();
        Tools.Result tree = Ocisc.runWithin(LIMIT, "graph", target, "--store", root, "--buildtime");
        assertEquals(0, tree.exitCode(), tree.stderr().lines().limit(5).toList().toString());
        List<String> lines = tree.stdout().lines().toList();
        assertEquals(20_000, lines.size());
        int longest = lines.stream().mapToInt(String::length).max().orElseThrow();
        assertTrue(longest < GraphTreeWriter.MAX_INDENT * 4 + 200, "longest line: " + longest);
        assertTrue(lines.get(19_999).contains("[+" + (19_998 - GraphTreeWriter.MAX_INDENT) + "] └── chain-19999"),
                lines.get(19_999));
        Tools.Result why = Ocisc.runWithin(LIMIT, "graph", target, "--store", root, "--buildtime", "--why",
                "chain-19999");
        assertEquals(0, why.exitCode(), why.stderr().lines().limit(5).toList().toString());
        assertEquals(1, why.stdout().lines().count());
        assertTrue(why.stdout().startsWith("chain-0 -> chain-1 -> "), why.stdout().substring(0, 100));
        assertTrue(why.stdout().strip().endsWith(" -> chain-19998 -> chain-19999"));
    }

    /**
     * A target with a direct input t and twelve inputs that all use each other and the target again: a cycle no
     * real store has. --why t finds r -> t at once; a search bounded only by paths found then walks the 12!
     * orders of the twelve. It stops, shows what it found and says that it stopped.
     */
    @Test
    void whyOnACyclicGraphStopsAndSaysSo() {
        String r = DrvStore.path(1, "r.drv");
        String t = DrvStore.path(2, "t.drv");
        store.write(t, DrvStore.derivation("t", DrvStore.path(3, "t"), List.of()));
        List<String> clique = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            clique.add(DrvStore.path(100 + 2 * i, "c" + i + ".drv"));
        }
        for (int i = 0; i < 12; i++) {
            List<String> inputs = new ArrayList<>(clique);
            inputs.remove(i);
            inputs.add(r);
            store.write(clique.get(i), DrvStore.derivation("c" + i, DrvStore.path(101 + 2 * i, "c" + i), inputs));
        }
        List<String> rInputs = new ArrayList<>(clique);
        rInputs.add(0, t);
        store.write(r, DrvStore.derivation("r", DrvStore.path(4, "r"), rInputs));
        Tools.Result why = Ocisc.runWithin(LIMIT, "graph", r, "--store", store.root().toString(), "--buildtime",
                "--why", "t");
        assertEquals(0, why.exitCode(), why.stderr());
        assertEquals("r -> t\n", why.stdout());
        assertEquals(1, why.stderr().lines().count(), why.stderr());
        assertTrue(why.stderr().startsWith("ocisc: stopped after 1 paths (the search is bounded"), why.stderr());
    }

    /**
     * inputDrvs naming files outside the store, a device, or a FIFO inside it: nothing is read (no byte of them
     * shows in the error), nothing blocks, and the error names the .drv that holds the path.
     */
    @Test
    void inputDerivationsOutsideTheStoreOrNotFilesAreNotRead() throws Exception {
        String target = DrvStore.path(1, "target.drv");
        String root = store.root().toString();
        for (String bad : List.of("/nix/store/../../etc/passwd", "/nix/store/" + "../".repeat(30) + "etc/passwd",
                "/dev/zero")) {
            store.write(target, DrvStore.derivation("target", DrvStore.path(2, "target"), List.of(bad)));
            Tools.Result r = Ocisc.runWithin(LIMIT, "graph", target, "--store", root, "--buildtime");
            assertOneLineError(r, ExitCode.BAD_INPUT, store.file(target) + ": malformed derivation before byte ",
                    "input derivation " + StrictJson.quote(bad) + " is not a .drv store path");
            assertTrue(!r.stderr().contains("found"), r.stderr());
        }
        Tools.require("mkfifo");
        String fifo = DrvStore.path(3, "fifo.drv");
        Tools.check(null, "mkfifo", store.file(fifo).toString());
        store.write(target, DrvStore.derivation("target", DrvStore.path(2, "target"), List.of(fifo)));
        Tools.Result r = Ocisc.runWithin(LIMIT, "graph", target, "--store", root, "--buildtime");
        assertOneLineError(r, ExitCode.BAD_INPUT, store.file(fifo) + ": cannot read derivation: not a regular file");
    }

    /** A value nested 200,000 levels deep in a .drv is skipped without recursion. */
    @Test
    void aDeeplyNestedDerivationIsRead() {
        String drv = DrvStore.path(1, "deep.drv");
        String input = DrvStore.path(2, "input.drv");
        store.write(input, DrvStore.derivation("input", DrvStore.path(3, "input"), List.of()));
        int depth = 200_000;
        store.write(drv, "DrvWithVersion(\"xp-dyn-drv\",[(\"out\",\"" + DrvStore.path(4, "deep") + "\",\"\",\"\")],"
                + "[(\"" + input + "\",([\"out\"]," + "[".repeat(depth) + "]".repeat(depth) + "))],[],\"s\",\"b\",[],"
                + "[(\"name\",\"deep\")])");
        Tools.Result r = Ocisc.runWithin(LIMIT, "graph", drv, "--store", store.root().toString(), "--buildtime");
        assertEquals(0, r.exitCode(), r.stderr().lines().limit(5).toList().toString());
        assertTrue(r.stdout().contains("└── input  " + input), r.stdout());
        store.write(drv, "DrvWithVersion(\"xp-dyn-drv\",[],[(\"" + input + "\",([\"out\"]," + "[".repeat(depth)
                + "]");
        Tools.Result bad = Ocisc.runWithin(LIMIT, "graph", drv, "--store", store.root().toString(), "--buildtime");
        assertOneLineError(bad, ExitCode.BAD_INPUT, store.file(drv).toString(), "malformed derivation at byte",
                "unexpected end of file");
    }

    /** A copy of the fixture store with a stray log beside its database is read, and left byte for byte. */
    @Test
    void aStoreWithAStrayLogIsLeftAsItWas() throws Exception {
        Path root = NixTruth.scratchStore(dir);
        Files.write(root.resolve("nix/var/nix/db/db.sqlite-wal"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        SortedMap<String, String> before = TreeSnapshot.of(root);
        Tools.Result r = Ocisc.runWithin(LIMIT, "graph", CliIT.RESULT, "--store", root.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("greeter-2.1.0  /nix/store/"), r.stdout());
        assertEquals(before, TreeSnapshot.of(root));
    }
}
