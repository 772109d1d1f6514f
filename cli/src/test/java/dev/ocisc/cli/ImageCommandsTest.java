package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
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
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ocisc sbom IMAGE} and {@code ocisc layers} on the images in testdata/oci, run in-process. */
class ImageCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static List<String> lines(String rel) throws IOException {
        return Files.readAllLines(TestData.path(rel)).stream().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void sbomOfTheNixImageEqualsTheClosureNixPrinted() throws Exception {
        Path file = tmp.resolve("nix.cdx.json");
        Tools.Result r = Ocisc.inProcess("sbom", TestData.path("oci/nix-greeter.tar.gz").toString(), "-o", file.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(new JsonParser().validate(file.toFile(), Version.VERSION_16).isEmpty());
        JsonNode bom = JSON.readTree(file.toFile());
        String root = bom.at("/metadata/component/bom-ref").asText();
        assertTrue(root.startsWith("pkg:oci/greeter@sha256:"), root);
        Set<String> paths = new TreeSet<>();
        for (JsonNode c : bom.get("components")) {
            paths.add(c.get("bom-ref").asText());
        }
        assertEquals(new TreeSet<>(lines("nix/truth/runtime-closure.txt")), paths);
        Set<String> edges = new TreeSet<>();
        for (JsonNode d : bom.get("dependencies")) {
            for (JsonNode to : d.path("dependsOn")) {
                edges.add(d.get("ref").asText() + " -> " + to.asText());
            }
        }
        Set<String> truth = new TreeSet<>();
        Pattern edge = Pattern.compile("\"([^\"]+)\" -> \"([^\"]+)\"");
        for (String l : lines("nix/truth/runtime-graph.dot")) {
            Matcher m = edge.matcher(l);
            if (m.find()) {
                truth.add("/nix/store/" + m.group(2) + " -> /nix/store/" + m.group(1));
            }
        }
        truth.add(root + " -> /nix/store/ihy4kdy0gh57692zs4fmkqx5w7ssxq8q-greeter-2.1.0");
        assertEquals(truth, edges);
    }

    /**
     * A nix-snapshotter image ships mount points only: its SBOM lists the closure the annotations name, not shipped;
     * {@code --store} completes it with the store's NAR hashes and the edges nix-store -q --graph printed.
     */
    @Test
    void sbomOfANixSnapshotterImageWithStoreIsTheStoresClosure() throws Exception {
        String image = TestData.path("oci/nix-snapshotter").toString();
        Path file = tmp.resolve("snap.cdx.json");
        Tools.Result r = Ocisc.inProcess("sbom", image, "--store", TestData.nixStore().toString(), "-o", file.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertFalse(r.stderr().contains("warning"), r.stderr());
        JsonNode bom = JSON.readTree(file.toFile());
        Map<String, String> hashes = new TreeMap<>();
        for (JsonNode c : bom.get("components")) {
            hashes.put(c.get("bom-ref").asText(), c.at("/hashes/0/content").asText());
            boolean notShipped = false;
            for (JsonNode p : c.path("properties")) {
                notShipped |= p.get("name").asText().equals("nix:shipped") && p.get("value").asText().equals("false");
            }
            assertTrue(notShipped, c.get("bom-ref").asText());
        }
        Map<String, String> truth = new TreeMap<>();
        for (String l : lines("nix/truth/nar-sha256.txt")) {
            truth.put(l.split(" ")[0], l.split(" ")[1]);
        }
        assertEquals(truth, hashes);

        Tools.Result layers = Ocisc.inProcess("layers", image);
        assertEquals(0, layers.exitCode(), layers.stderr());
        assertTrue(layers.stdout().contains("not shipped in the layer"), layers.stdout());
        for (String p : lines("nix/truth/runtime-closure.txt")) {
            assertTrue(layers.stdout().contains(p), p);
        }
    }

    @Test
    void sbomOfTheDebianImageInEveryFormEqualsDpkgQuery() throws Exception {
        Set<String> truth = new TreeSet<>();
        for (String l : lines("oci/truth/debian-dpkg-query.txt")) {
            String[] f = l.split("\t");
            truth.add("pkg:deb/debian/" + f[0] + "@" + f[1].replace("+", "%2B") + "?arch=" + f[2]
                    + "&distro=debian-12");
        }
        for (String fixture : List.of("oci/debian", "oci/debian.oci.tar", "oci/debian.docker.tar")) {
            Tools.Result r = Ocisc.inProcess("sbom", TestData.path(fixture).toString(), "-f", "spdx-json");
            assertEquals(0, r.exitCode(), r.stderr());
            JsonNode doc = JSON.readTree(r.stdout());
            Set<String> purls = new TreeSet<>();
            for (JsonNode p : doc.get("packages")) {
                for (JsonNode ref : p.path("externalRefs")) {
                    String loc = ref.get("referenceLocator").asText();
                    if (loc.startsWith("pkg:deb/")) {
                        purls.add(loc.replaceAll("&upstream=[^&]*", ""));
                    }
                }
            }
            assertEquals(truth, purls, fixture);
        }
    }

    @Test
    void sbomOutputIsDeterministic() {
        String a = Ocisc.inProcess("sbom", TestData.path("oci/nix-greeter-db.tar.zst").toString()).stdout();
        String b = Ocisc.inProcess("sbom", TestData.path("oci/nix-greeter-db.tar.zst").toString()).stdout();
        assertEquals(a, b);
        assertTrue(a.contains("\"image store database\""), "db fixture uses the db for references");
    }

    @Test
    void badImageIsExitThreeWithOneLineAndNoOutputFile() throws IOException {
        Path bad = tmp.resolve("cut.tar.gz");
        byte[] all = Files.readAllBytes(TestData.path("oci/nix-greeter.tar.gz"));
        Files.write(bad, java.util.Arrays.copyOf(all, all.length / 2));
        Path out = tmp.resolve("out.json");
        Tools.Result r = Ocisc.inProcess("sbom", bad.toString(), "-o", out.toString());
        assertEquals(3, r.exitCode(), r.stderr());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
        assertTrue(r.stderr().contains(bad.toString()), r.stderr());
        assertFalse(Files.exists(out));
        try (var s = Files.list(tmp)) {
            assertEquals(List.of(bad), s.toList(), "nothing else was written");
        }
    }

    @Test
    void platformSelection() {
        Tools.Result arm = Ocisc.inProcess("layers", "--platform", "linux/arm64", "-f", "json", TestData.path("oci/multiarch").toString());
        assertEquals(0, arm.exitCode(), arm.stderr());
        Tools.Result none = Ocisc.inProcess("layers", "--platform", "linux/s390x", TestData.path("oci/multiarch").toString());
        assertEquals(3, none.exitCode());
        assertTrue(none.stderr().contains("available: linux/amd64, linux/arm64"), none.stderr());
        assertEquals(2, Ocisc.inProcess("layers", "--platform", "linux", TestData.path("oci/multiarch").toString()).exitCode());
    }

    @Test
    void layersShowsStorePathsAndSharing() throws Exception {
        Tools.Result r = Ocisc.inProcess("layers", "-f", "json", TestData.path("oci/nix-greeter.tar.gz").toString(),
                TestData.path("oci/nix-greeter-db.tar.zst").toString());
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode j = JSON.readTree(r.stdout());
        JsonNode layers = j.at("/images/0/layers");
        Set<String> storePaths = new TreeSet<>();
        for (JsonNode l : layers) {
            for (JsonNode p : l.get("store_paths")) {
                storePaths.add(p.asText());
            }
            assertTrue(l.get("store_paths").size() <= 1, "one store path per layer");
        }
        assertEquals(new TreeSet<>(lines("nix/truth/runtime-closure.txt")), storePaths);
        // The five store-path layers are byte-identical in both images; the customisation layers differ.
        assertEquals(5, j.get("shared").size());
        long saved = 0;
        for (JsonNode s : j.get("shared")) {
            saved += s.get("saved_bytes").asLong();
        }
        assertEquals(saved, j.get("saved_bytes").asLong());
        assertTrue(saved > 0);
        Tools.Result text = Ocisc.inProcess("layers", TestData.path("oci/debian").toString());
        assertTrue(text.stdout().contains("/etc, /usr, /var"), text.stdout());
    }

    /** One layer is "1 layer blob", and no byte count says "1 bytes" either. */
    @Test
    void layersCountsAgreeWithTheirNouns() {
        Tools.Result one = Ocisc.inProcess("layers", TestData.path("oci/alpine").toString());
        assertEquals(0, one.exitCode(), one.stderr());
        assertTrue(one.stdout().endsWith(" in 1 layer blob; sharing saves 0 bytes\n"), one.stdout());
    }
}
