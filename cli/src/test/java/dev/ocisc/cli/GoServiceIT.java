package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.testing.GoService;
import dev.ocisc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference Go service end to end: its Nix result (the binary, and at build time the vendor directory), its
 * dockerTools-shaped image and Go's own {@code go version -m} list the same modules and versions.
 */
class GoServiceIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** {@code path@version} of every dep line of go version -m: the ground truth. */
    private static Set<String> goDeps() {
        Set<String> out = new TreeSet<>();
        for (GoService.GoLine l : GoService.goVersionM(GoService.binary())) {
            if (l.kind().equals("dep")) {
                out.add(l.path() + "@" + l.version());
            }
        }
        assertEquals(3, out.size(), out.toString());
        return out;
    }

    private static JsonNode sbom(String... args) throws Exception {
        Tools.Result r = Ocisc.run(args);
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().isEmpty(), r.stderr()); // no warnings on the real thing
        return JSON.readTree(r.stdout());
    }

    /** container ref -> {@code name@version} of the golang components it contains. */
    private static Map<String, Set<String>> golangByContainer(JsonNode bom) {
        Map<String, String> golang = new TreeMap<>();
        for (JsonNode c : bom.path("components")) {
            if (c.path("purl").asText().startsWith("pkg:golang/")) {
                golang.put(c.path("bom-ref").asText(), c.path("name").asText() + "@" + c.path("version").asText());
            }
        }
        Map<String, Set<String>> out = new TreeMap<>();
        for (JsonNode d : bom.path("dependencies")) {
            for (JsonNode to : d.path("dependsOn")) {
                String g = golang.get(to.asText());
                if (g != null) {
                    out.computeIfAbsent(d.path("ref").asText(), k -> new TreeSet<>()).add(g);
                }
            }
        }
        return out;
    }

    private static JsonNode component(JsonNode bom, String ref) {
        for (JsonNode c : bom.path("components")) {
            if (c.path("bom-ref").asText().equals(ref)) {
                return c;
            }
        }
        return bom.path("metadata").path("component");
    }

    private static Map<String, String> properties(JsonNode c) {
        Map<String, String> out = new TreeMap<>();
        c.path("properties").forEach(p -> out.put(p.path("name").asText(), p.path("value").asText()));
        return out;
    }

    @Test
    void resultBinaryListsWhatGoVersionMLists() throws Exception {
        String out = GoService.build();
        JsonNode bom = sbom("sbom", out);
        assertEquals(Map.of(out, goDeps()), golangByContainer(bom));
        // The main module is the store path itself, not a package inside it.
        Map<String, String> props = properties(component(bom, out));
        assertEquals("example.org/hello-svc", props.get("golang:main_module"));
        assertEquals("(devel)", props.get("golang:main_version"));
        for (JsonNode c : bom.path("components")) {
            if (c.path("purl").asText().startsWith("pkg:golang/")) {
                Map<String, String> p = properties(c);
                assertEquals(out + "/bin/hello-svc", p.get("ocisc:evidence_path"));
                assertEquals(Tools.check(null, "sha256sum", out + "/bin/hello-svc").split(" ")[0],
                        p.get("ocisc:evidence_sha256"));
                assertEquals("pkg:golang/" + c.path("name").asText() + "@" + c.path("version").asText(),
                        c.path("purl").asText());
            }
        }
    }

    @Test
    void buildTimeVendorDirectoryListsTheSameModules() throws Exception {
        String out = GoService.build();
        String vendor = GoService.goModules();
        JsonNode bom = sbom("sbom", "--buildtime", out);
        Map<String, Set<String>> by = golangByContainer(bom);
        // The derivers as the store has them registered (a fixed output's path outlives edits of its .drv).
        String outDrv = Tools.check(null, "nix-store", "-qd", out).strip();
        String vendorDrv = Tools.check(null, "nix-store", "-q", "--references", outDrv).lines()
                .filter(l -> l.endsWith("-go-modules.drv")).findFirst().orElseThrow();
        assertEquals(Map.of(vendorDrv, goDeps(), outDrv, goDeps()), by);
        for (JsonNode c : bom.path("components")) {
            if (c.path("bom-ref").asText().endsWith("#" + vendorDrv)) {
                assertEquals(vendor + "/modules.txt", properties(c).get("ocisc:evidence_path"));
                assertEquals(vendor, properties(c).get("nix:output_path"));
            }
        }
    }

    @Test
    void imageListsWhatGoVersionMLists() throws Exception {
        String out = GoService.build();
        Path image = GoService.image(tmp.resolve("hello-svc.tar.gz"));
        JsonNode bom = sbom("sbom", image.toString());
        assertEquals(Map.of(out, goDeps()), golangByContainer(bom));
        Path cdx = tmp.resolve("image.cdx.json");
        Files.writeString(cdx, JSON.writeValueAsString(bom));
        assertEquals(List.of(), new org.cyclonedx.parsers.JsonParser().validate(cdx.toFile(),
                org.cyclonedx.Version.VERSION_16));
        assertEquals("example.org/hello-svc", properties(component(bom, out)).get("golang:main_module"));
        for (JsonNode c : bom.path("components")) {
            if (c.path("purl").asText().startsWith("pkg:golang/")) {
                assertTrue(properties(c).get("oci:layer_digest").startsWith("sha256:"), c.toString());
            }
        }
        // SPDX: the store path CONTAINS each module.
        Tools.Result spdx = Ocisc.run("sbom", image.toString(), "-f", "spdx-json");
        assertEquals(0, spdx.exitCode(), spdx.stderr());
        List<String> contains = new ArrayList<>();
        for (JsonNode r : JSON.readTree(spdx.stdout()).path("relationships")) {
            if (r.path("relationshipType").asText().equals("CONTAINS")) {
                contains.add(r.path("relatedSpdxElement").asText());
            }
        }
        assertEquals(3, contains.size(), contains.toString());
    }

    /** The sbom check of {@code verify image -f json}: its exit code, summary and items. */
    private static String sbomCheck(Path image, Path sbom, int exit) throws Exception {
        Tools.Result r = Ocisc.run("verify", "image", "-f", "json", image.toString(), "--sbom", sbom.toString());
        assertEquals(exit, r.exitCode(), r.stdout() + r.stderr());
        for (JsonNode c : JSON.readTree(r.stdout()).path("checks")) {
            if (c.path("id").asText().equals("sbom")) {
                return c.path("summary").asText() + " " + c.path("items");
            }
        }
        throw new AssertionError(r.stdout());
    }

    /**
     * verify image holds the image's language packages against the SBOM too: ocisc's own SBOM of the image passes
     * (the main module folded into its store path's component included), in CycloneDX and SPDX; a module taken
     * out of it or one it does not hold fails, named.
     */
    @Test
    void verifyImageChecksTheGoModulesOfItsOwnSbom() throws Exception {
        long closure = Tools.check(null, "nix-store", "-qR", GoService.build()).lines().count();
        Path image = GoService.image(tmp.resolve("hello-svc.tar.gz"));
        Set<String> deps = goDeps();
        long all = closure + deps.size() + 1; // store paths, the modules used and the main module
        for (String format : List.of("cyclonedx-json", "spdx-json")) {
            Path own = tmp.resolve("own." + format);
            Tools.Result w = Ocisc.run("sbom", image.toString(), "-f", format, "-o", own.toString());
            assertEquals(0, w.exitCode(), w.stderr());
            String ok = sbomCheck(image, own, 0);
            assertTrue(ok.startsWith(all + " declared, " + all + " found in the image; 0 declared but absent, 0 "
                    + "present but undeclared"), ok);
        }
        JsonNode bom = sbom("sbom", image.toString());
        String removed = deps.iterator().next();
        com.fasterxml.jackson.databind.node.ArrayNode kept = JSON.createArrayNode();
        for (JsonNode c : bom.path("components")) {
            if (!(c.path("name").asText() + "@" + c.path("version").asText()).equals(removed)) {
                kept.add(c);
            }
        }
        assertEquals(bom.path("components").size() - 1, kept.size());
        ((com.fasterxml.jackson.databind.node.ObjectNode) bom).set("components", kept);
        Path less = tmp.resolve("less.cdx.json");
        Files.writeString(less, JSON.writeValueAsString(bom));
        String fail = sbomCheck(image, less, 1);
        assertTrue(fail.contains("0 declared but absent, 1 present but undeclared")
                && fail.contains("present but undeclared: " + removed), fail);

        JsonNode more = sbom("sbom", image.toString());
        ((com.fasterxml.jackson.databind.node.ArrayNode) more.path("components")).add(JSON.readTree(
                "{\"type\":\"library\",\"bom-ref\":\"pkg:golang/example.org/absent@v9.9.9\",\"name\":"
                        + "\"example.org/absent\",\"version\":\"v9.9.9\",\"purl\":\"pkg:golang/example.org/absent@v9.9.9\"}"));
        Path plus = tmp.resolve("plus.cdx.json");
        Files.writeString(plus, JSON.writeValueAsString(more));
        String added = sbomCheck(image, plus, 1);
        assertTrue(added.contains("1 declared but absent, 0 present but undeclared")
                && added.contains("declared but absent: example.org/absent@v9.9.9"), added);
    }

    @Test
    void aBinaryCutShortInAnImageWarnsNamingItAndListsNothingFromIt() throws Exception {
        // An image (umoci) whose /usr/bin/hello-svc ends inside its build info: a warning naming the file, no
        // modules from it, and the SBOM is still written.
        Tools.require("umoci");
        byte[] bin = Files.readAllBytes(GoService.binary());
        int magic = indexOf(bin, "\u00ff Go buildinf:".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Path layout = tmp.resolve("cut");
        Path bundle = tmp.resolve("bundle");
        Tools.check(null, "umoci", "init", "--layout", layout.toString());
        Tools.check(null, "umoci", "new", "--image", layout + ":t");
        Tools.check(null, "umoci", "unpack", "--rootless", "--image", layout + ":t", bundle.toString());
        Files.createDirectories(bundle.resolve("rootfs/usr/bin"));
        Files.write(bundle.resolve("rootfs/usr/bin/hello-svc"), java.util.Arrays.copyOf(bin, magic + 40));
        Files.setPosixFilePermissions(bundle.resolve("rootfs/usr/bin/hello-svc"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Tools.check(null, "umoci", "repack", "--image", layout + ":t", bundle.toString());
        Tools.Result r = Ocisc.run("sbom", layout.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> warnings = r.stderr().strip().lines().toList();
        assertTrue(warnings.stream().allMatch(w -> w.startsWith("ocisc: warning: /usr/bin/hello-svc: ")), r.stderr());
        assertEquals("ocisc: warning: /usr/bin/hello-svc: Go build info is truncated at the file's end; not read",
                warnings.get(warnings.size() - 1));
        assertTrue(!r.stdout().contains("pkg:golang"), r.stdout());
    }

    @Test
    void aMillionLineModulesTxtInAnImageIsBadInputInOneLine() throws Exception {
        Tools.require("umoci");
        Path layout = tmp.resolve("big");
        Path bundle = tmp.resolve("bundle-big");
        Tools.check(null, "umoci", "init", "--layout", layout.toString());
        Tools.check(null, "umoci", "new", "--image", layout + ":t");
        Tools.check(null, "umoci", "unpack", "--rootless", "--image", layout + ":t", bundle.toString());
        Path vendor = Files.createDirectories(bundle.resolve("rootfs/src/app/vendor"));
        StringBuilder b = new StringBuilder("# github.com/a/b v1.0.0\n## explicit\n");
        for (int i = 0; i < 1_000_000; i++) {
            b.append("github.com/a/b/pkg").append(i).append('\n');
        }
        Files.writeString(vendor.resolve("modules.txt"), b);
        Tools.check(null, "umoci", "repack", "--image", layout + ":t", bundle.toString());
        Tools.Result r = Ocisc.run("sbom", layout.toString());
        assertEquals(3, r.exitCode(), r.stderr());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
        assertTrue(r.stderr().contains("/src/app/vendor/modules.txt") && r.stderr().contains("limit"), r.stderr());
        assertEquals("", r.stdout());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("no build info magic");
    }
}
