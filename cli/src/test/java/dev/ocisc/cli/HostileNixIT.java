package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.testing.DrvStore;
import dev.ocisc.testing.Tools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nix inputs made to hurt, given to the ocisc command as users run it: bounded time, one-line errors. */
class HostileNixIT {
    static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    /**
     * A target with a direct input t and twelve inputs that all use each other and the target again: a cycle no
     * real store has. --why t finds r -> t at once; a search bounded only by paths found then walks the 12!
     * orders of the twelve. It stops, shows what it found and says that it stopped.
     */
    @Test
    void whyOnACyclicGraphStopsAndSaysSo() {
        DrvStore store = DrvStore.create(dir.resolve("store"));
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
}
