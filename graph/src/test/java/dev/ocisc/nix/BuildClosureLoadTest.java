package dev.ocisc.nix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.testing.NixTruth;
import dev.ocisc.testing.RecordingProgress;
import dev.ocisc.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast paths of a build closure load (the parallel .drv walk and the database's one-query prefetch) give the
 * same answers as the plain ones they replace, and fail the same way.
 */
class BuildClosureLoadTest {
    private static Path db(Path storeRoot) {
        return storeRoot.resolve("nix/var/nix/db/db.sqlite");
    }

    @Test
    void parallelWalkEqualsSerialWalkAndNixStoreQR() {
        NixStore store = NixStore.open(TestData.nixStore());
        DerivationSource serial = store::derivation; // only derivation(): the interface's one-at-a-time walk
        SortedMap<String, Derivation> parallel = store.derivationClosure(List.of(NixTruth.drvPath()));
        assertEquals(serial.derivationClosure(List.of(NixTruth.drvPath())), parallel);
        TreeSet<String> drvs = new TreeSet<>();
        for (String p : NixTruth.paths(NixTruth.read("build-closure.txt"))) {
            if (p.endsWith(".drv")) {
                drvs.add(p);
            }
        }
        assertTrue(drvs.size() >= 5, "fixture has a build closure");
        assertEquals(drvs, parallel.keySet());
    }

    /** The database's listing is nix-store -qR's .drv files, and a load read from it equals the discovery walk. */
    @Test
    void listedLoadEqualsDiscoveryWalk() {
        NixStore store = NixStore.open(TestData.nixStore());
        TreeSet<String> drvs = new TreeSet<>();
        for (String p : NixTruth.paths(NixTruth.read("build-closure.txt"))) {
            if (p.endsWith(".drv")) {
                drvs.add(p);
            }
        }
        assertEquals(drvs, new TreeSet<>(store.closureListing(List.of(NixTruth.drvPath()))));
        java.util.Map<String, Derivation> listed = BuildClosure.load(store, List.of(NixTruth.drvPath()), () -> 1)
                .derivations();
        NixStore fresh = NixStore.open(TestData.nixStore());
        assertEquals(fresh.derivationClosure(List.of(NixTruth.drvPath())), listed);
    }

    /**
     * Reading a build closure reports one derivation read per .drv of nix-store -qR: counted against the
     * database's listing, or with no total when the walk discovers them.
     */
    @Test
    void readingDerivationsIsReportedOncePerDerivation() {
        TreeSet<String> drvs = new TreeSet<>();
        for (String p : NixTruth.paths(NixTruth.read("build-closure.txt"))) {
            if (p.endsWith(".drv")) {
                drvs.add(p);
            }
        }
        RecordingProgress listed = new RecordingProgress();
        new NixTarget(NixTruth.drvPath(), TestData.nixStore()).resolve(dev.ocisc.graph.Graph.Mode.BUILDTIME,
                NixStore.open(TestData.nixStore(), listed));
        RecordingProgress.Task task = listed.only();
        assertEquals("reading derivations", task.label);
        assertEquals(drvs.size(), task.total);
        assertEquals(drvs.size(), task.advanced.get());
        assertTrue(task.closed.get());

        RecordingProgress walked = new RecordingProgress();
        NixStore.open(TestData.nixStore(), walked).derivationClosure(List.of(NixTruth.drvPath()));
        task = walked.only();
        assertTrue(task.total < 0, "not known before the walk ends");
        assertEquals(drvs.size(), task.advanced.get());
        assertTrue(task.closed.get());
    }

    @Test
    void prefetchedFactsEqualOneByOneLookups(@TempDir Path temp) {
        // A store where one build-only output has been collected, as on most machines.
        Path scratch = NixTruth.scratchStore(temp);
        NixStore store = NixStore.open(scratch);
        SortedMap<String, Derivation> drvs = store.derivationClosure(List.of(NixTruth.drvPath()));
        List<String> paths = new ArrayList<>(drvs.keySet());
        drvs.values().forEach(d -> {
            paths.addAll(d.inputSrcs());
            d.outputs().values().forEach(o -> paths.add(o.path()));
        });
        var runtime = NixTruth.paths(NixTruth.read("runtime-closure.txt"));
        String collected = paths.stream().filter(p -> !p.endsWith(".drv") && !runtime.contains(p)
                && drvs.values().stream().anyMatch(d -> d.outputFor(p).isPresent())).findFirst().orElseThrow();
        NixTruth.nixStore(scratch, "--delete", collected);
        try (StoreDatabase prefetched = StoreDatabase.open(db(scratch));
                StoreDatabase plain = StoreDatabase.open(db(scratch))) {
            prefetched.prefetchBuildClosure(List.of(NixTruth.drvPath()));
            int valid = 0;
            for (String p : paths) {
                Optional<PathInfo> expected = plain.get(p);
                assertEquals(expected, prefetched.get(p), p);
                valid += expected.isPresent() ? 1 : 0;
            }
            assertTrue(valid > drvs.size(), "outputs and sources are answered too");
            assertEquals(Optional.empty(), prefetched.get(collected));
        }
    }

    /** The lean query provenance uses answers exactly the valid outputs and sources, with their NAR hashes. */
    @Test
    void bulkNarHashesEqualOneByOneLookups(@TempDir Path temp) {
        Path scratch = NixTruth.scratchStore(temp);
        NixStore store = NixStore.open(scratch);
        SortedMap<String, Derivation> drvs = store.derivationClosure(List.of(NixTruth.drvPath()));
        TreeSet<String> paths = new TreeSet<>();
        drvs.values().forEach(d -> {
            paths.addAll(d.inputSrcs());
            d.outputs().values().forEach(o -> paths.add(o.path()));
        });
        var runtime = NixTruth.paths(NixTruth.read("runtime-closure.txt"));
        String collected = paths.stream().filter(p -> !runtime.contains(p)
                && drvs.values().stream().anyMatch(d -> d.outputFor(p).isPresent())).findFirst().orElseThrow();
        NixTruth.nixStore(scratch, "--delete", collected);
        try (StoreDatabase db = StoreDatabase.open(db(scratch))) {
            java.util.Map<String, String> bulk = db.buildClosureNarHashes(List.of(NixTruth.drvPath()));
            java.util.Map<String, String> expected = new java.util.TreeMap<>();
            for (String p : paths) {
                db.get(p).ifPresent(i -> expected.put(p, i.narSha256()));
            }
            assertTrue(expected.size() > drvs.size(), "outputs and sources are answered");
            assertTrue(!expected.containsKey(collected));
            assertEquals(expected, new java.util.TreeMap<>(bulk));
        }
    }

    @Test
    void aMissingInputDerivationIsNamedWithItsUser(@TempDir Path temp) throws Exception {
        Path scratch = NixTruth.scratchStore(temp);
        NixStore store = NixStore.open(scratch);
        Derivation top = store.derivation(NixTruth.drvPath()).orElseThrow();
        String input = top.inputDrvs().firstKey();
        Files.delete(store.physical(input));
        NixStore fresh = NixStore.open(scratch);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> BuildClosure.load(fresh, fresh, List.of(NixTruth.drvPath())));
        assertTrue(e.getMessage().contains(input) && e.getMessage().contains("derivation not found (an input of "
                + NixTruth.drvPath() + ")"), e.getMessage());
    }

    /** A malformed input read in the parallel prefetch is reported by the walk, naming the file. */
    @Test
    void aMalformedInputDerivationIsNamedEvenWhenReadAhead(@TempDir Path temp) throws Exception {
        Path scratch = NixTruth.scratchStore(temp);
        NixStore store = NixStore.open(scratch);
        Derivation top = store.derivation(NixTruth.drvPath()).orElseThrow();
        Path input = store.physical(top.inputDrvs().lastKey());
        input.toFile().setWritable(true);
        Files.writeString(input, "Derive([(\"out\"");
        NixStore fresh = NixStore.open(scratch);
        assertTrue(!fresh.closureListing(List.of(NixTruth.drvPath())).isEmpty(), "read from the listing");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> BuildClosure.load(fresh, fresh, List.of(NixTruth.drvPath())));
        assertTrue(e.getMessage().startsWith(input + ": malformed derivation"), e.getMessage());
    }
    /**
     * Nodes and edges are made on all cores; when several derivations use an output their input does not have, the
     * one reported is the first in path order, on every run.
     */
    @Test
    void aMissingOutputIsReportedForTheFirstUserInPathOrder(@TempDir Path temp) {
        dev.ocisc.testing.DrvStore drvs = dev.ocisc.testing.DrvStore.create(temp);
        String leaf = dev.ocisc.testing.DrvStore.path(1, "leaf.drv");
        drvs.write(leaf, dev.ocisc.testing.DrvStore.derivation("leaf", dev.ocisc.testing.DrvStore.path(2, "leaf"),
                List.of()));
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String user = dev.ocisc.testing.DrvStore.path(1000L * (40 - i), "user-" + i + ".drv");
            // Every user asks the leaf for an output "dev", which it does not have.
            drvs.write(user, dev.ocisc.testing.DrvStore.derivation("user-" + i,
                    dev.ocisc.testing.DrvStore.path(1000L * (40 - i) + 1, "user-" + i), List.of(leaf))
                    .replace("[\"out\"]", "[\"dev\"]"));
            users.add(user);
        }
        String top = dev.ocisc.testing.DrvStore.path(5, "top.drv");
        drvs.write(top, dev.ocisc.testing.DrvStore.derivation("top", dev.ocisc.testing.DrvStore.path(6, "top"), users));
        String first = new TreeSet<>(users).first();
        for (int run = 0; run < 5; run++) {
            NixStore store = NixStore.open(temp);
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> BuildClosure.walk(store, store, List.of(top)));
            assertEquals(first + ": uses output 'dev' that " + leaf + " does not have", e.getMessage());
        }
    }
}
