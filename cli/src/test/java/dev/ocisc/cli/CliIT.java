package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.failure.ExitCode;
import dev.ocisc.testing.NixTruth;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import dev.ocisc.testing.TreeSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ocisc command as users run it: outputs, exit codes, one-line errors, nothing partial. */
class CliIT {
    static final String RESULT = TestData.path("nix/result").toString();
    static final String STORE = TestData.nixStore().toString();

    @TempDir
    Path dir;

    static void assertOneLineError(Tools.Result r, int code, String... fragments) {
        assertEquals(code, r.exitCode(), r.stdout() + r.stderr());
        assertEquals(1, r.stderr().strip().lines().count(), "one line: " + r.stderr());
        assertTrue(r.stderr().startsWith("ocisc: "), r.stderr());
        for (String f : fragments) {
            assertTrue(r.stderr().contains(f), "'" + f + "' in: " + r.stderr());
        }
    }

    @Test
    void versionAndHelp() {
        Tools.Result v = Ocisc.run("--version");
        assertEquals(0, v.exitCode());
        assertTrue(v.stdout().startsWith("ocisc 0."), v.stdout());
        Tools.Result h = Ocisc.run("--help");
        assertEquals(0, h.exitCode());
        assertTrue(h.stdout().contains("sbom") && h.stdout().contains("graph"), h.stdout());
        // Only the command asked for gets a model built; help, mistakes and --debug still see all of them.
        Tools.Result hp = Ocisc.run("help", "provenance");
        assertEquals(0, hp.exitCode(), hp.stderr());
        assertTrue(hp.stdout().contains("--recursive"), hp.stdout());
        Tools.Result sub = Ocisc.run("--debug", "keygen", "--help");
        assertEquals(0, sub.exitCode(), sub.stderr());
        assertTrue(sub.stdout().startsWith("Usage: ocisc keygen"), sub.stdout());
        Tools.Result typo = Ocisc.run("provenanse", "x");
        assertEquals(ExitCode.USAGE, typo.exitCode());
        assertTrue(typo.stderr().contains("Did you mean: ocisc provenance"), typo.stderr());
        // Every positional parameter is described, and a list option's synopsis reads as one list.
        Tools.Result diff = Ocisc.run("diff", "--help");
        assertTrue(diff.stdout().contains("--ignore=CLASS[,CLASS...]") && !diff.stdout().contains("...][,CLASS"),
                diff.stdout());
        assertTrue(diff.stdout().contains("What was built") && diff.stdout().contains("What it is compared with"),
                diff.stdout());
        assertTrue(Ocisc.run("verify", "image", "--help").stdout().contains("The image to gate"));
    }

    /** A JSON file that is no attestation says so, rather than which envelope field it lacks. */
    @Test
    void attestVerifyOfAnotherJsonDocumentSaysWhatItExpected(@TempDir Path dir)
            throws Exception {
        Tools.Result key = Ocisc.run("keygen", "-o", dir.resolve("k").toString());
        assertEquals(0, key.exitCode(), key.stderr());
        assertOneLineError(Ocisc.run("attest", "verify", TestData.path("nix/path-info.json").toString(), "--key",
                dir.resolve("k.pub").toString()), 3, "path-info.json", "not a DSSE envelope or Sigstore bundle");
    }

    @Test
    void everyFormatIntoADirectoryIsDeterministicAndDated() throws Exception {
        Map<String, String> env = Map.of("SOURCE_DATE_EPOCH", "1700000000");
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        for (Path out : List.of(a, b)) {
            Tools.Result r = Ocisc.run(env, "sbom", RESULT, "--store", STORE, "-f", "cyclonedx-json", "-f",
                    "cyclonedx-xml", "-f", "spdx-json", "-f", "spdx-tv", "-f", "csv", "-o", out + "/");
            assertEquals(0, r.exitCode(), r.stderr());
        }
        List<String> names;
        try (Stream<Path> s = Files.list(a)) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("greeter-2.1.0.cdx.json", "greeter-2.1.0.cdx.xml", "greeter-2.1.0.csv",
                "greeter-2.1.0.spdx", "greeter-2.1.0.spdx.json"), names);
        for (String n : names) {
            assertArrayEquals(Files.readAllBytes(a.resolve(n)), Files.readAllBytes(b.resolve(n)), n);
        }
        JsonNode bom = new ObjectMapper().readTree(a.resolve("greeter-2.1.0.cdx.json").toFile());
        assertEquals("2023-11-14T22:13:20Z", bom.path("metadata").path("timestamp").asText());
        // Written through a temp file, yet readable by others like any report (not the temp file's 0600).
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(a.resolve("greeter-2.1.0.cdx.json"))));
    }

    @Test
    void stdoutByDefaultAndComponentsMatchNix(@TempDir Path temp) throws Exception {
        Tools.Result r = Ocisc.run("sbom", RESULT, "--store", STORE);
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode bom = new ObjectMapper().readTree(r.stdout());
        java.util.Set<String> refs = new java.util.TreeSet<>();
        refs.add(bom.path("metadata").path("component").path("bom-ref").asText());
        bom.path("components").forEach(c -> refs.add(c.path("bom-ref").asText()));
        assertEquals(NixTruth.paths(NixTruth.read("runtime-closure.txt")), refs);
        assertFalse(bom.path("metadata").has("timestamp"), "no SOURCE_DATE_EPOCH: no invented time");
    }

    /** nixpkgs metadata applies to the store paths found in an image as it does to a Nix target. */
    @Test
    void metadataAppliesToStorePathsInAnImage() throws Exception {
        Tools.Result r = Ocisc.run("sbom", TestData.path("oci/nix-greeter.tar.gz").toString(), "--meta",
                TestData.path("nix/meta.json").toString());
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode bom = new ObjectMapper().readTree(r.stdout());
        Map<String, String> licenses = new HashMap<>();
        bom.path("components").forEach(c -> licenses.put(c.path("name").asText(),
                c.path("licenses").path(0).path("expression").asText()));
        assertEquals("GPL-2.0-or-later OR MIT", licenses.get("greeter"));
        assertEquals("MIT AND BSD-3-Clause", licenses.get("libgreet"));
    }

    /** -o into a device or pipe writes into it; it must never replace the device with a file. */
    @Test
    void outputToAFifoWritesIntoItAndLeavesItAFifo() throws Exception {
        Path fifo = dir.resolve("fifo");
        Tools.check(null, "mkfifo", fifo.toString());
        java.util.concurrent.CompletableFuture<byte[]> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllBytes(fifo);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Tools.Result r = Ocisc.run("sbom", RESULT, "--store", STORE, "-f", "csv", "-o", fifo.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(new String(read.get(60, java.util.concurrent.TimeUnit.SECONDS)).startsWith("ref,name,version"));
        assertEquals("fifo", Tools.check(null, "stat", "-c", "%F", fifo.toString()).strip(), "not replaced by a file");
    }

    @Test
    void depthLimitsTheClosure() throws Exception {
        Tools.Result r = Ocisc.run("sbom", RESULT, "--store", STORE, "--buildtime", "--depth", "1");
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode bom = new ObjectMapper().readTree(r.stdout());
        // The app's derivation and its direct inputs only: libgreet's copied source is two edges away.
        assertEquals(9, bom.path("components").size() + 1);
    }

    @Test
    void graphFormatsAndWhy() throws Exception {
        Tools.Result text = Ocisc.run("graph", RESULT, "--store", STORE);
        assertEquals(0, text.exitCode(), text.stderr());
        assertTrue(text.stdout().startsWith("greeter-2.1.0  /nix/store/"), text.stdout());
        assertEquals(5, text.stdout().lines().count());

        Tools.Result dot = Ocisc.run("graph", RESULT, "--store", STORE, "--buildtime", "-f", "dot");
        assertEquals(0, dot.exitCode());
        assertEquals(NixTruth.edges(NixTruth.read("build-graph.dot")).size(),
                dot.stdout().lines().filter(l -> l.contains(" -> ")).count());
        assertTrue(dot.stdout().contains("[style=dashed]"), "build-only edges are dashed");

        Tools.Result json = Ocisc.run("graph", RESULT, "--store", STORE, "-f", "json");
        JsonNode g = new ObjectMapper().readTree(json.stdout());
        assertEquals("runtime", g.path("mode").asText());
        assertEquals(5, g.path("nodes").size());
        assertEquals(4, g.path("edges").size());

        Tools.Result why = Ocisc.run("graph", RESULT, "--store", STORE, "--buildtime", "--why", "libgreet");
        assertEquals(0, why.exitCode(), why.stderr());
        assertEquals(List.of("greeter-2.1.0 -> libgreet-1.4.2", "greeter-2.1.0 -> libgreet-1.4.2 -> libgreet"),
                why.stdout().lines().toList());
        Tools.Result none = Ocisc.run("graph", RESULT, "--store", STORE, "--why", "openssl");
        assertOneLineError(none, 1, "nothing called 'openssl'");
    }

    /** Format names are the same words in any case, for every command's -f; a wrong one is one line, exit 2. */
    @Test
    void formatNamesAreCaseInsensitiveForEveryCommand() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Tools.Result spdx = Ocisc.run("sbom", RESULT, "--store", STORE, "-f", "SPDX-JSON");
        assertEquals(0, spdx.exitCode(), spdx.stderr());
        assertEquals("SPDX-2.3", json.readTree(spdx.stdout()).path("spdxVersion").asText());
        Tools.Result dot = Ocisc.run("graph", RESULT, "--store", STORE, "-f", "DOT");
        assertEquals(0, dot.exitCode(), dot.stderr());
        assertTrue(dot.stdout().startsWith("digraph closure {"), dot.stdout());
        String image = TestData.path("oci/debian").toString();
        Tools.Result layers = Ocisc.run("layers", "-f", "Json", image);
        assertEquals(0, layers.exitCode(), layers.stderr());
        assertEquals(1, json.readTree(layers.stdout()).path("images").size());
        Tools.Result diff = Ocisc.run("diff", "-f", "MARKDOWN", image, image);
        assertEquals(0, diff.exitCode(), diff.stderr());
        assertTrue(diff.stdout().startsWith("## ocisc diff: identical"), diff.stdout());
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{}");
        Tools.Result gate = Ocisc.run("verify", "image", image, "--policy", policy.toString(), "-f", "JSON");
        assertEquals(0, gate.exitCode(), gate.stderr());
        assertEquals("pass", json.readTree(gate.stdout()).path("verdict").asText());

        assertOneLineError(Ocisc.run("graph", RESULT, "--store", STORE, "-f", "svg"), 2,
                "unknown format 'svg' (expected one of text, dot, json)");
        assertOneLineError(Ocisc.run("layers", "-f", "svg", image), 2, "unknown format 'svg'");
        assertOneLineError(Ocisc.run("verify", "nix", RESULT, "-f", "yaml"), 2,
                "unknown format 'yaml' (expected one of text, json, markdown, html)");
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, Ocisc.run("sbom").exitCode());
        assertEquals(2, Ocisc.run("frobnicate").exitCode());
        assertOneLineError(Ocisc.run("sbom", RESULT, "--store", STORE, "-f", "spdx-rdf"), 2, "unknown format 'spdx-rdf'");
        assertOneLineError(Ocisc.run("sbom", RESULT, "--store", STORE, "-f", "csv", "-f", "spdx-tv"), 2, "-o DIR");
        assertOneLineError(Ocisc.run(Map.of("SOURCE_DATE_EPOCH", "yesterday"), "sbom", RESULT, "--store", STORE),
                2, "SOURCE_DATE_EPOCH");
        String image = TestData.path("oci/nix-greeter.tar.gz").toString();
        assertOneLineError(Ocisc.run("sbom", image, "--buildtime"), 2, "--buildtime needs a Nix target");
        assertOneLineError(Ocisc.run("sbom", image, "--depth", "1"), 2, "--depth needs a Nix target");
        // --store is where a nix-snapshotter image's unshipped paths are looked up: a missing one is bad input.
        assertOneLineError(Ocisc.run("sbom", image, "--store", STORE + "/nope"), 3, "no Nix store at");
        // A negative depth is a mistake, not "the whole closure".
        for (String command : List.of("sbom", "graph")) {
            assertOneLineError(Ocisc.run(command, RESULT, "--store", STORE, "--depth", "-1"), 2,
                    "--depth takes a number of edges, 0 or more; got -1");
            assertOneLineError(Ocisc.run(command, image, "--depth", "-2"), 2, "got -2");
        }
    }

    @Test
    void badInputExitsThreeNamingTheFile() throws Exception {
        assertOneLineError(Ocisc.run("sbom", dir.resolve("nope").toString()), 3, dir.resolve("nope").toString(),
                "no such file");
        Path garbage = dir.resolve("graph.json");
        Files.writeString(garbage, "{\"derivations\": {\"x\": ");
        assertOneLineError(Ocisc.run("sbom", garbage.toString()), 3, garbage.toString(), "invalid JSON");
        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"hello\": \"world\"}");
        assertOneLineError(Ocisc.run("sbom", other.toString()), 3, other.toString(), "not a JSON graph");
        Path meta = dir.resolve("meta.json");
        Files.writeString(meta, "[]");
        assertOneLineError(Ocisc.run("sbom", RESULT, "--store", STORE, "--meta", meta.toString()), 3, meta.toString());
        assertOneLineError(Ocisc.run("sbom", "/nix/store/00000000000000000000000000000000-gone", "--store", STORE),
                3, "/nix/store/00000000000000000000000000000000-gone", "not a valid path");
    }

    /** A store whose .drv is corrupt: the error names the file and the byte offset; no output file appears. */
    @Test
    void corruptDerivationLeavesNoOutput() throws Exception {
        Path store = NixTruth.scratchStore(dir);
        Path drv = store.resolve(NixTruth.drvPath().substring(1));
        drv.toFile().setWritable(true);
        byte[] bytes = Files.readAllBytes(drv);
        Files.write(drv, java.util.Arrays.copyOf(bytes, 100));
        Path out = dir.resolve("out.cdx.json");
        Files.writeString(out, "previous content");
        Tools.Result r = Ocisc.run("sbom", RESULT, "--store", store.toString(), "--buildtime", "-o", out.toString());
        assertOneLineError(r, 3, drv.toString(), "malformed derivation at byte 100");
        assertEquals("previous content", Files.readString(out));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    /**
     * A mistyped --store, an empty directory, or a store without its database: exit 3 in one line, and nothing
     * written there (nix --store local?root=ROOT would have created a database, gcroots and profiles).
     */
    @Test
    void aStoreRootWithoutAStoreOrItsDatabaseIsBadInputAndStaysUntouched() throws Exception {
        Path typo = dir.resolve("typo");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path noDb = NixTruth.scratchStore(dir);
        Path db = noDb.resolve("nix/var/nix/db/db.sqlite");
        Files.delete(db);
        Map<String, String> before = TreeSnapshot.of(dir);
        for (String command : List.of("sbom", "graph", "provenance")) {
            assertOneLineError(Ocisc.run(command, RESULT, "--store", typo.toString()), 3,
                    "no Nix store at " + typo + " (no such directory)");
            assertOneLineError(Ocisc.run(command, RESULT, "--store", empty.toString()), 3,
                    "no Nix store at " + empty + " (it has no nix/store directory)");
            assertOneLineError(Ocisc.run(command, RESULT, "--store", noDb.toString()), 3,
                    db + ": store database missing");
        }
        assertEquals(before, TreeSnapshot.of(dir));
    }
}
