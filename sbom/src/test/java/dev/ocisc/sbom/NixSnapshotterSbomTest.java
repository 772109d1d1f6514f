package dev.ocisc.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ocisc.catalog.ImageCatalog;
import dev.ocisc.nix.NixStore;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The SBOM of a nix-snapshotter image (testdata/oci/nix-snapshotter) lists the closure its annotations name, marked
 * as not shipped; with the store that holds it, the NAR hashes and edges are the store's. Truth: nix-store -qR,
 * --graph and --dump of testdata/nix, printed when the fixture store was made.
 */
class NixSnapshotterSbomTest {
    private static final Path IMAGE = TestData.path("oci/nix-snapshotter");

    private static List<String> truth(String file) {
        try {
            return Files.readAllLines(TestData.path(file)).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Component> storeComponents(Sbom s) {
        return s.components().stream().filter(c -> c.ref().startsWith("/nix/store/")).toList();
    }

    @Test
    void withoutAStoreTheClosureIsListedWithoutHashes() {
        Sbom s = ImageSbom.build(ImageCatalog.of(IMAGE, ReadOptions.defaults()), NixpkgsMeta.none(),
                Fixture.EPOCH_TIME, "test");
        List<Component> nix = storeComponents(s);
        assertEquals(truth("nix/truth/runtime-closure.txt"), nix.stream().map(Component::ref).sorted().toList());
        for (Component c : nix) {
            assertNull(c.sha256(), c.ref());
            assertEquals("false", c.properties().get("nix:shipped"), c.ref());
            assertEquals("0", c.properties().get("oci:layer_index"), c.ref());
        }
    }

    @Test
    void withTheStoreHashesAndEdgesAreTheStores() {
        Sbom s = ImageSbom.build(ImageCatalog.of(IMAGE, ReadOptions.defaults(), NixStore.open(TestData.nixStore()),
                "testdata/nix/store"), NixpkgsMeta.none(), Fixture.EPOCH_TIME, "test");
        Map<String, String> nar = new TreeMap<>();
        for (String l : truth("nix/truth/nar-sha256.txt")) {
            nar.put(l.split(" ")[0], l.split(" ")[1]);
        }
        List<Component> nix = storeComponents(s);
        assertEquals(nar, nix.stream().collect(Collectors.toMap(Component::ref, Component::sha256, (a, b) -> a,
                TreeMap::new)));
        nix.forEach(c -> assertEquals("false", c.properties().get("nix:shipped"), c.ref()));
        Pattern edge = Pattern.compile("\"([^\"]+)\" -> \"([^\"]+)\"");
        Set<String> want = new TreeSet<>();
        for (String l : truth("nix/truth/runtime-graph.dot")) {
            Matcher m = edge.matcher(l);
            if (m.find()) {
                want.add("/nix/store/" + m.group(2) + " -> /nix/store/" + m.group(1));
            }
        }
        Set<String> got = s.relationships().stream().filter(r -> r.from().startsWith("/nix/store/"))
                .map(r -> r.from() + " -> " + r.to()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(want, got);
    }
}
