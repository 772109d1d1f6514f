package dev.ocisc.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Which layers are nix-snapshotter layers, and what their annotations name, by nix-snapshotter's own keys. */
class NixSnapshotterLayerTest {
    private static final String A = "/nix/store/9yf5i8b6hr4a95ng21zyncqf1k0s7v3m-libgreet-1.4.2";
    private static final String B = "/nix/store/ihy4kdy0gh57692zs4fmkqx5w7ssxq8q-greeter-2.1.0";

    private static Layer layer(Map<String, String> annotations) {
        Digest d = Digest.sha256Of(new byte[0]);
        return new Layer(0, MediaType.OCI_LAYER, d, 0, d, "blob", new TreeMap<>(annotations));
    }

    @Test
    void aPlainLayerIsNone() {
        assertTrue(NixSnapshotterLayer.of(layer(Map.of("org.opencontainers.image.title", "x")), "img").isEmpty());
    }

    @Test
    void pathsComeInTheOrderOfNNotOfTheKeysText() {
        var snap = NixSnapshotterLayer.of(layer(Map.of(NixSnapshotterLayer.LAYER_ANNOTATION, "true",
                NixSnapshotterLayer.PATH_PREFIX + "10", A, NixSnapshotterLayer.PATH_PREFIX + "2", B)), "img").orElseThrow();
        assertEquals(List.of(B, A), snap.storePaths());
        assertEquals(List.of(), snap.problems());
    }

    @Test
    void aFlagWithoutPathsOrPathsWithoutTheFlagAreProblems() {
        var flagOnly = NixSnapshotterLayer.of(layer(Map.of(NixSnapshotterLayer.LAYER_ANNOTATION, "true")), "img")
                .orElseThrow();
        assertEquals(List.of(), flagOnly.storePaths());
        assertEquals(1, flagOnly.problems().size());
        var noFlag = NixSnapshotterLayer.of(layer(Map.of(NixSnapshotterLayer.PATH_PREFIX + "0", A)), "img")
                .orElseThrow();
        assertEquals(List.of(A), noFlag.storePaths(), "nix-snapshotter mounts by the path annotations alone");
        assertEquals(List.of(NixSnapshotterLayer.LAYER_ANNOTATION + " is missing but the layer names store paths"),
                noFlag.problems());
    }

    @Test
    void problemsAreCappedAndCounted() {
        Map<String, String> ann = new TreeMap<>();
        ann.put(NixSnapshotterLayer.LAYER_ANNOTATION, "true");
        for (int i = 0; i < 1000; i++) {
            ann.put(NixSnapshotterLayer.PATH_PREFIX + i, "/etc/passwd");
        }
        var snap = NixSnapshotterLayer.of(layer(ann), "img").orElseThrow();
        assertEquals(List.of(), snap.storePaths());
        assertEquals(21, snap.problems().size());
        assertEquals("980 more annotation problems", snap.problems().get(20));
    }
}
