package dev.ocisc.nix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.graph.Graph;
import dev.ocisc.graph.InvalidInputException;
import dev.ocisc.testing.DrvStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .drv files made to hurt. */
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
