package dev.ocisc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.nix.NixStore;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.oci.TestDataTruth;
import dev.ocisc.oci.TestLayouts;
import dev.ocisc.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog of an image shaped as nix-snapshotter writes it (testdata/oci/make-nix-snapshotter.sh): the closure is
 * named by annotations, the layer holds only mount points. Truth: nix-store -qR, --graph and --dump of testdata/nix.
 */
class NixSnapshotterCatalogTest {
    private static final Path IMAGE = TestData.path("oci/nix-snapshotter");

    @Test
    void listsTheAnnotatedClosureNotTheMountPoints() {
        ImageCatalog c = ImageCatalog.of(IMAGE, ReadOptions.defaults());
        assertEquals(TestDataTruth.runtimeClosure(), c.storePaths().stream().map(NixStorePath::path).toList());
        for (NixStorePath p : c.storePaths()) {
            assertFalse(p.shipped(), p.path());
            assertNull(p.narSha256(), p.path() + ": no NAR hash from an empty mount point");
            assertEquals("none", p.refsFrom());
            assertEquals(0, p.layer());
            assertTrue(p.references().isEmpty());
        }
        assertEquals(1, c.warnings().size(), c.warnings().toString());
        assertTrue(c.warnings().get(0).startsWith("5 of 5 store paths named by nix-snapshotter annotations are not "
                + "shipped"), c.warnings().get(0));
    }

    @Test
    void aStoreHoldingThePathsGivesTheirHashesAndReferences() {
        NixStore store = NixStore.open(TestData.nixStore());
        ImageCatalog c = ImageCatalog.of(IMAGE, ReadOptions.defaults(), store, "testdata/nix/store");
        assertEquals(TestDataTruth.runtimeClosure(), c.storePaths().stream().map(NixStorePath::path).toList());
        TreeMap<String, String> nar = new TreeMap<>();
        for (String l : TestDataTruth.lines("nix/truth/nar-sha256.txt")) {
            nar.put(l.split(" ")[0], l.split(" ")[1]);
        }
        assertEquals(nar, c.storePaths().stream().collect(Collectors.toMap(NixStorePath::path,
                NixStorePath::narSha256, (a, b) -> a, TreeMap::new)));
        Set<String> edges = new TreeSet<>();
        c.storePaths().forEach(p -> p.references().forEach(r -> edges.add(p.path() + " -> " + r)));
        assertEquals(ImageCatalogTest.truthEdges(), edges);
        c.storePaths().forEach(p -> assertEquals("store", p.refsFrom(), p.path()));
        c.storePaths().forEach(p -> assertFalse(p.shipped(), p.path()));
        assertEquals(List.of(), c.warnings());
        assertEquals(1, c.graph().roots().size(), "the closure has one root, the greeter");
    }

    @Test
    void badAndDuplicateAnnotationsAreWarningsNamingTheImage(@TempDir Path tmp) {
        String first = TestDataTruth.runtimeClosure().get(0);
        Path img = withLayerAnnotations(tmp, a -> {
            a.put("containerd.io/snapshot/nix-store-path.7", first);
            a.put("containerd.io/snapshot/nix-store-path.8", "/nix/store/../../etc/passwd");
            a.put("containerd.io/snapshot/nix-store-path.x", first);
            a.put("containerd.io/snapshot/nix-store-path.9", "/nix/store/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee-e");
        });
        ImageCatalog c = ImageCatalog.of(img, ReadOptions.defaults());
        assertEquals(TestDataTruth.runtimeClosure(), c.storePaths().stream().map(NixStorePath::path).toList());
        List<String> w = c.warnings();
        assertTrue(w.stream().anyMatch(s -> s.startsWith(img + ": layer 0 (") && s.endsWith(
                "nix-store-path.7: " + first + " is named twice")), w.toString());
        assertTrue(w.stream().anyMatch(s -> s.endsWith("nix-store-path.8: not a store path: "
                + "/nix/store/../../etc/passwd")), w.toString());
        assertTrue(w.stream().anyMatch(s -> s.endsWith("nix-store-path.x: N is not a decimal index")), w.toString());
        assertTrue(w.stream().anyMatch(s -> s.endsWith("nix-store-path.9: not a store path: "
                + "/nix/store/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee-e")), w.toString());
        w.forEach(s -> assertFalse(s.contains("\n"), s));
    }

    @Test
    void tooManyAnnotationsIsBadInputNamingTheImage(@TempDir Path tmp) {
        Path img = withLayerAnnotations(tmp, a -> {
            for (int i = 0; i <= 100_000; i++) {
                a.put("containerd.io/snapshot/nix-store-path." + i, "x");
            }
        });
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ImageCatalog.of(img, ReadOptions.defaults()));
        assertTrue(e.getMessage().contains(img.toString()) && e.getMessage().contains("above the limit of 100000"),
                e.getMessage());
    }

    @Test
    void aMillionAnnotationsStopAtTheManifestSizeCap(@TempDir Path tmp) {
        Path img = withLayerAnnotations(tmp, a -> {
            for (int i = 0; i < 1_000_000; i++) {
                a.put("containerd.io/snapshot/nix-store-path." + i, "x");
            }
        });
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ImageCatalog.of(img, ReadOptions.defaults()));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains(img.toString()) && e.getMessage().contains("8388608"), e.getMessage());
    }

    @Test
    void contentInAMountPointIsAWarningAndNeverHashed(@TempDir Path tmp) {
        String p = TestDataTruth.runtimeClosure().get(0);
        Path made = TestLayouts.write(tmp.resolve("made"), List.of(TestLayouts.LayerSpec.tar(TestLayouts.tar(
                "d nix", "d nix/store", "d " + p.substring(1), "f " + p.substring(1) + "/lib/evil.so x"))));
        Path img = withLayerAnnotations(made, tmp.resolve("img"), a -> {
            a.put("containerd.io/snapshot/nix-layer", "true");
            a.put("containerd.io/snapshot/nix-store-path.0", p);
        });
        ImageCatalog c = ImageCatalog.of(img, ReadOptions.defaults());
        assertEquals(1, c.storePaths().size());
        assertFalse(c.storePaths().get(0).shipped());
        assertNull(c.storePaths().get(0).narSha256());
        assertTrue(c.warnings().contains(img + ": content in the nix-snapshotter mount point " + p + " (1 entry), "
                + "which nix-snapshotter's bind mount hides; not listed"), c.warnings().toString());
    }

    static Path withLayerAnnotations(Path tmp, Consumer<ObjectNode> edit) {
        return withLayerAnnotations(IMAGE, tmp.resolve("img"), edit);
    }

    /** A copy of {@code from} whose first layer descriptor's annotations {@code edit} changed (digests kept valid). */
    static Path withLayerAnnotations(Path from, Path to, Consumer<ObjectNode> edit) {
        try {
            Path dir = TestLayouts.copy(from, to);
            ObjectMapper om = new ObjectMapper();
            ObjectNode index = (ObjectNode) om.readTree(dir.resolve("index.json").toFile());
            ObjectNode desc = (ObjectNode) index.get("manifests").get(0);
            Path old = dir.resolve("blobs/sha256/" + desc.get("digest").asText().substring(7));
            ObjectNode man = (ObjectNode) om.readTree(old.toFile());
            ObjectNode layer = (ObjectNode) man.get("layers").get(0);
            edit.accept(layer.has("annotations") ? (ObjectNode) layer.get("annotations") : layer.putObject("annotations"));
            byte[] b = om.writeValueAsBytes(man);
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
            Files.write(dir.resolve("blobs/sha256/" + hex), b);
            Files.delete(old);
            desc.put("digest", "sha256:" + hex);
            desc.put("size", b.length);
            om.writeValue(dir.resolve("index.json").toFile(), index);
            return dir;
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
