package dev.ocisc.slsa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.json.Json;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provenance of the testdata/nix build, checked against what Nix itself reports about it. */
class NixProvenanceTest {
    static final String DRV = "/nix/store/kisxr5av90ns7ldnx5cyynm85d0bl900-greeter-2.1.0.drv";
    static final String OUT = "/nix/store/ihy4kdy0gh57692zs4fmkqx5w7ssxq8q-greeter-2.1.0";

    static ProvenanceOptions options(boolean recursive) {
        return new ProvenanceOptions(recursive, "https://example.org/builder", ProvenanceOptions.NIX_BUILD_TYPE,
                new TreeMap<>(Map.of("attribute", "greeter")), new TreeMap<>(Map.of("ocisc", "test")), null, null,
                null);
    }

    static Statement statement(String target, boolean recursive) {
        return new NixProvenance(TestData.nixStore()).statement(target, options(recursive));
    }

    static Set<String> lines(String truthFile) throws IOException {
        return Files.readAllLines(TestData.path("nix/truth/" + truthFile)).stream().filter(s -> !s.isBlank())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** What a dependency stands for in Nix's terms: its derivation for an output, else its own path. */
    static Set<String> nixTerms(Statement s) {
        return s.predicate().resolvedDependencies().stream()
                .map(r -> r.annotations().containsKey("derivation") ? (String) r.annotations().get("derivation")
                        : r.uri())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void directDependenciesAreTheDrvsReferences() throws IOException {
        Statement s = statement(OUT, false);
        assertEquals(lines("references-of-drv.txt"), nixTerms(s));
    }

    @Test
    void recursiveDependenciesAreTheDrvsClosure() throws IOException {
        Set<String> expected = lines("build-closure.txt");
        expected.remove(DRV);
        assertEquals(expected, nixTerms(statement(DRV, true)));
    }

    @Test
    void dependenciesMatchLiveNixToo(@TempDir Path tmp) throws IOException {
        Tools.require("nix-store");
        // nix-store writes lock files into the store, so it gets a copy.
        Tools.check(null, "cp", "-a", TestData.nixStore().toString(), tmp.resolve("store").toString());
        String store = "local?root=" + tmp.resolve("store");
        Set<String> refs = Arrays.stream(Tools.check(null, "nix-store", "--store", store, "-q", "--references", DRV)
                .split("\n")).filter(x -> !x.isBlank()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(refs, nixTerms(statement(DRV, false)));
        Set<String> closure = Arrays.stream(Tools.check(null, "nix-store", "--store", store, "-qR", DRV)
                .split("\n")).filter(x -> !x.isBlank() && !x.equals(DRV))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(closure, nixTerms(statement(DRV, true)));
    }

    @Test
    void subjectsAreEveryOutputWithDigestsOfTheirBytes() throws IOException {
        Statement s = statement(TestData.path("nix/result").toString(), false);
        assertEquals(lines("out-paths.txt"), s.subjects().stream().map(Subject::name)
                .collect(Collectors.toCollection(TreeSet::new)));
        Map<String, String> nar = new HashMap<>();
        for (String l : Files.readAllLines(TestData.path("nix/truth/nar-sha256.txt"))) {
            String[] f = l.split(" ");
            nar.put(f[0], f[1]);
        }
        Subject out = s.subjects().stream().filter(x -> x.name().equals(OUT)).findFirst().orElseThrow();
        assertEquals(nar.get(OUT), out.digest().get(NixProvenance.NAR_SHA256));
        assertEquals(ArtifactDigest.dirHash(TestData.nixStore().resolve(OUT.substring(1))),
                out.digest().get(ArtifactDigest.DIR_HASH));
        assertNull(out.digest().get("sha256"), "a directory has no sha256 of bytes; the NAR hash is not one");
    }

    @Test
    void fixedOutputsCarryUrlsAndDeclaredHash() {
        Statement s = statement(DRV, false);
        ResourceDescriptor data = s.predicate().resolvedDependencies().stream()
                .filter(r -> r.uri().endsWith("-greeting-data-1.0.tar")).findFirst().orElseThrow();
        Path file = TestData.nixStore().resolve(data.uri().substring(1));
        // Flat fixed output: the declared hash is the SHA-256 of the file's bytes, so it may stand under sha256.
        assertEquals(ArtifactDigest.sha256(file), data.digest().get("sha256"));
        assertTrue(data.downloadLocation().startsWith("https://"), data.downloadLocation());
        assertEquals("flat", data.annotations().get("outputHashMode"));
        ResourceDescriptor fonts = s.predicate().resolvedDependencies().stream()
                .filter(r -> r.uri().endsWith("-fonts-src-0.3")).findFirst().orElseThrow();
        assertEquals("recursive", fonts.annotations().get("outputHashMode"));
        assertNull(fonts.digest().get("sha256"), "a recursive hash is over the NAR, never under sha256");
        assertEquals(64, fonts.digest().get(NixProvenance.NAR_SHA256).length());
        ResourceDescriptor dev = s.predicate().resolvedDependencies().stream()
                .filter(r -> r.uri().endsWith("-libgreet-1.4.2-dev")).findFirst().orElseThrow();
        assertEquals("dev", dev.annotations().get("output"));
        assertEquals("1.4.2", dev.annotations().get("version"));
        assertEquals("libgreet", dev.name());
    }

    @Test
    void parametersAndTimes() {
        Statement s = statement(DRV, false);
        assertEquals(Map.of("attribute", "greeter", "derivation", DRV), s.predicate().externalParameters());
        assertEquals("x86_64-linux", s.predicate().internalParameters().get("system"));
        // No time given: the outputs' registration time, which the fixture's database sets to 1700000000.
        assertEquals(Instant.ofEpochSecond(1700000000L), s.predicate().finishedOn());
        assertNull(s.predicate().startedOn());
        assertNull(s.predicate().invocationId());
    }

    @Test
    void sameInputSameBytes() {
        byte[] a = StatementJson.write(statement(OUT, true), true);
        byte[] b = StatementJson.write(statement(TestData.path("nix/result").toString(), true), true);
        assertArrayEquals(a, b);
        assertArrayEquals(StatementJson.write(statement(DRV, true), false),
                StatementJson.write(statement(DRV, true), false));
    }

    /** Pretty statements are in ocisc's one JSON style; the compact payload has no whitespace at all. */
    @Test
    void prettyIsTheOneJsonStyleAndCompactIsCompact() throws IOException {
        byte[] pretty = StatementJson.write(statement(DRV, true), true);
        assertTrue(new String(pretty, StandardCharsets.UTF_8).startsWith("{\n  \"_type\": \"" + Statement.TYPE
                + "\",\n  \"subject\": [\n    {\n      \"name\": "));
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        ObjectMapper json = new ObjectMapper();
        try (var g = Json.generator(rewritten)) {
            json.writeTree(g, json.readTree(pretty));
        }
        rewritten.write('\n');
        assertArrayEquals(rewritten.toByteArray(), pretty);
        byte[] compact = StatementJson.write(statement(DRV, true), false);
        assertArrayEquals(json.writeValueAsBytes(json.readTree(pretty)), compact);
    }

    @Test
    void aDerivationDumpNamesTheSameDerivation() {
        // With --store, the dump only says which derivation: the statement comes from the store all the same.
        assertArrayEquals(StatementJson.write(statement(DRV, false), true),
                StatementJson.write(statement(TestData.path("nix/derivation-show.json").toString(), false), true));
    }

    @Test
    void missingOutputsAndTargetsAreBadInput(@TempDir Path tmp) throws IOException {
        Tools.require("cp");
        Path copy = tmp.resolve("store");
        Tools.check(null, "cp", "-a", TestData.nixStore().toString(), copy.toString());
        Tools.check(null, "rm", "-rf", copy.resolve("nix/store/66i0bp5fv5bqkfl53mxq8ips1liyx987-greeter-2.1.0-doc")
                .toString());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new NixProvenance(copy).statement(DRV, options(false)));
        assertTrue(e.getMessage().contains("greeter-2.1.0-doc"), e.getMessage());
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> statement(tmp.resolve("nothing").toString(), false));
        assertTrue(missing.getMessage().contains("nothing"), missing.getMessage());
    }

    /**
     * A floating content-addressed derivation (Nix's ca-derivations) names no output path until it is built, so
     * its outputs' descriptors have no URI. They come after the others, by derivation, whatever the order of the
     * walk. Two such inputs are made by rewriting two .drv files in a copy of the store.
     */
    @Test
    void floatingContentAddressedOutputsComeLastInAFixedOrder(@TempDir Path tmp) throws IOException {
        Tools.require("cp");
        Path copy = tmp.resolve("store");
        Tools.check(null, "cp", "-a", TestData.nixStore().toString(), copy.toString());
        java.util.List<String> floating = new java.util.ArrayList<>();
        for (String drv : java.util.List.of("6fpj9parvwkblfplkzms37xgzdqr8qh0-ca-bundle-2024.1.drv",
                "4cffihim26cmsxpkmrrvsiv71nzr4gaj-greeter-assets-0.2.drv")) {
            Path file = copy.resolve("nix/store/" + drv);
            String text = Files.readString(file);
            String ca = text.replaceFirst("^Derive\\(\\[\\(\"out\",\"[^\"]+\",\"\",\"\"\\)",
                    "Derive([(\"out\",\"\",\"r:sha256\",\"\")");
            assertTrue(!ca.equals(text), "rewritten: " + drv);
            file.toFile().setWritable(true);
            Files.writeString(file, ca);
            floating.add("/nix/store/" + drv);
        }
        Statement s = new NixProvenance(copy).statement(DRV, options(true));
        java.util.List<ResourceDescriptor> deps = s.predicate().resolvedDependencies();
        java.util.List<ResourceDescriptor> last = deps.subList(deps.size() - 2, deps.size());
        assertEquals(new TreeSet<>(floating).stream().toList(),
                last.stream().map(r -> r.annotations().get("derivation")).toList());
        last.forEach(r -> assertNull(r.uri(), r.toString()));
        java.util.List<String> uris = deps.subList(0, deps.size() - 2).stream().map(ResourceDescriptor::uri).toList();
        assertEquals(new TreeSet<>(uris).stream().toList(), uris, "the others by URI");
        assertArrayEquals(StatementJson.write(s, true),
                StatementJson.write(new NixProvenance(copy).statement(DRV, options(true)), true));
    }
}
