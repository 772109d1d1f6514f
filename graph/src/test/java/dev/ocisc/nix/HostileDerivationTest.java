package dev.ocisc.nix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.graph.Graph;
import dev.ocisc.json.StrictJson;
import dev.ocisc.testing.DrvStore;
import dev.ocisc.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .drv files made to hurt: deep nesting, paths out of the store, files that are not files. */
class HostileDerivationTest {
    static final String DRV = DrvStore.path(1, "hostile.drv");
    static final String OUT = DrvStore.path(2, "hostile");

    @TempDir
    Path dir;

    static Derivation parse(String text) {
        return DerivationParser.parse("hostile.drv", DRV, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The dynamic-derivation part of an input, which ocisc skips, nested 200,000 levels deep. */
    @Test
    void aValueNested200000LevelsIsSkippedWithoutRecursion() {
        int depth = 200_000;
        String input = DrvStore.path(3, "in.drv");
        String deep = "[".repeat(depth) + "\"x\"" + "]".repeat(depth);
        Derivation d = parse("DrvWithVersion(\"xp-dyn-drv\",[(\"out\",\"" + OUT + "\",\"\",\"\")],[(\"" + input
                + "\",([\"out\"]," + deep + "))],[],\"s\",\"b\",[],[])");
        assertEquals(List.of(input), List.copyOf(d.inputDrvs().keySet()));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(
                "DrvWithVersion(\"xp-dyn-drv\",[],[(\"" + input + "\",([\"out\"]," + "[(".repeat(depth) + ")))],"));
        assertTrue(e.getMessage().contains("expected ',' or ']' but found ')'"), e.getMessage());
    }

    @Test
    void everyPathInADerivationIsAStorePath() {
        for (String bad : List.of("/nix/store/../../etc/passwd", "/dev/zero",
                "/nix/store/" + "0".repeat(32) + "-../../../etc/passwd", "/nix/store/" + "0".repeat(32) + "-a\nb",
                "/tmp/" + "0".repeat(32) + "-x.drv", "relative/" + "0".repeat(32) + "-x.drv")) {
            InvalidInputException inDrv = assertThrows(InvalidInputException.class,
                    () -> parse("Derive([],[(\"" + bad + "\",[\"out\"])],[],\"s\",\"b\",[],[])"), bad);
            assertTrue(inDrv.getMessage().startsWith("hostile.drv: malformed derivation before byte "),
                    inDrv.getMessage());
            assertTrue(inDrv.getMessage().contains("input derivation " + StrictJson.quote(bad)
                    + " is not a .drv store path"),
                    inDrv.getMessage());
            InvalidInputException inSrc = assertThrows(InvalidInputException.class,
                    () -> parse("Derive([],[],[\"" + bad + "\"],\"s\",\"b\",[],[])"), bad);
            assertTrue(inSrc.getMessage().contains("input source " + StrictJson.quote(bad)), inSrc.getMessage());
            InvalidInputException out = assertThrows(InvalidInputException.class,
                    () -> parse("Derive([(\"out\",\"" + bad + "\",\"\",\"\")],[],[],\"s\",\"b\",[],[])"), bad);
            assertTrue(out.getMessage().contains("output 'out' " + StrictJson.quote(bad)), out.getMessage());
        }
        InvalidInputException notDrv = assertThrows(InvalidInputException.class,
                () -> parse("Derive([],[(\"" + OUT + "\",[\"out\"])],[],\"s\",\"b\",[],[])"));
        assertTrue(notDrv.getMessage().contains("is not a .drv store path"), notDrv.getMessage());
    }

    @Test
    void storePathsFollowNixsNameRules() {
        String hash = "0".repeat(32);
        assertTrue(StorePath.isStorePath("/nix/store/" + hash + "-a+b-1.0_x?y=z"));
        for (String bad : List.of("/nix/store/" + hash + "-", "/nix/store/" + hash + "-a/b", "/nix/store/" + hash
                + "-..", "/nix/store/" + hash + "-a\u001b[31m", "/nix/store/" + hash + "-" + "a".repeat(212),
                "/gnu/store/" + hash + "-a", "/nix/store/../store/" + hash + "-a", "/nix/store//" + hash + "-a")) {
            if (bad.endsWith("-..")) {
                assertTrue(StorePath.isStorePath(bad), "'..' is a name here, not a component: " + bad);
                continue;
            }
            assertFalse(StorePath.isStorePath(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> StorePath.parse(bad), bad);
        }
        assertTrue(StorePath.isStoreLocation("/nix/store/" + hash + "-a/bin/..x"));
        assertFalse(StorePath.isStoreLocation("/nix/store/" + hash + "-a/../../etc/passwd"));
        assertFalse(StorePath.isStoreLocation("/nix/store/" + hash + "-a/.."));
    }

    /** Whatever a caller asks for, only store paths are resolved under a store root. */
    @Test
    void onlyStorePathsAreResolvedUnderAStoreRoot() {
        Path root = Path.of("/some/root");
        assertEquals(root.resolve("nix/store/" + "0".repeat(32) + "-a/bin"),
                NixStore.physical(root, "/nix/store/" + "0".repeat(32) + "-a/bin"));
        for (String bad : List.of("/nix/store/../../etc/passwd", "/dev/zero", "/nix/store/" + "0".repeat(32)
                + "-a/../../../etc")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> NixStore.physical(root, bad));
            assertTrue(e.getMessage().contains("not a store path"), e.getMessage());
            assertThrows(InvalidInputException.class, () -> NixStore.physical(null, bad));
        }
    }

    /** A FIFO where a .drv should be would block the first read forever; it is refused without being opened. */
    @Test
    void aFifoWhereADerivationShouldBeIsNotOpened() {
        Tools.require("mkfifo");
        DrvStore store = DrvStore.create(dir.resolve("store"));
        String fifo = DrvStore.path(5, "fifo.drv");
        Tools.check(null, "mkfifo", store.file(fifo).toString());
        String target = DrvStore.path(6, "target.drv");
        store.write(target, DrvStore.derivation("target", DrvStore.path(7, "target"), List.of(fifo)));
        NixStore s = NixStore.open(store.root());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> assertTimeoutPreemptively(
                Duration.ofSeconds(20), () -> BuildClosure.walk(s, s, List.of(target))));
        assertEquals(store.file(fifo) + ": cannot read derivation: not a regular file but a device, FIFO or socket",
                e.getMessage());
    }

    /** A link in the store leads out of it: refused, not followed, and nothing of what it points to is shown. */
    @Test
    void aSymbolicLinkWhereADerivationShouldBeIsNotFollowed() throws Exception {
        DrvStore store = DrvStore.create(dir.resolve("store"));
        Path outside = Files.writeString(dir.resolve("secret"), "Derive(secret");
        String link = DrvStore.path(5, "link.drv");
        Files.createSymbolicLink(store.file(link), outside);
        NixStore s = NixStore.open(store.root());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> s.derivation(link));
        assertEquals(store.file(link) + ": cannot read derivation: not a regular file but a symbolic link",
                e.getMessage());
    }

    /** A sparse file claiming more than the cap is refused from its size, without reading it. */
    @Test
    void aDerivationLargerThanTheCapIsRefusedUnread() throws Exception {
        DrvStore store = DrvStore.create(dir.resolve("store"));
        String big = DrvStore.path(5, "big.drv");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(store.file(big).toFile(), "rw")) {
            f.setLength(DerivationParser.MAX_BYTES + 1L);
        }
        NixStore s = NixStore.open(store.root());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> s.derivation(big));
        assertTrue(e.getMessage().endsWith("cannot read derivation: larger than " + DerivationParser.MAX_BYTES
                + " bytes"), e.getMessage());
    }

    /** A build closure 20,000 derivations deep is read without recursion. */
    @Test
    void aChainOfTwentyThousandDerivationsLoads() {
        DrvStore store = DrvStore.create(dir.resolve("store"));
        String target = store.chain(20_000);
        NixStore s = NixStore.open(store.root());
        Graph g = BuildClosure.walk(s, s, List.of(target));
        assertEquals(20_000, g.nodes().size());
        assertEquals(19_999, g.edges().size());
    }
}
