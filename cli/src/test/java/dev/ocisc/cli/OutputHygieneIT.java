package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.failure.ExitCode;
import dev.ocisc.testing.DrvStore;
import dev.ocisc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ocisc prints cannot be steered by the names in its inputs; JSON keeps them exact. */
class OutputHygieneIT {
    /** ESC (clear screen), BEL, CR and LF: a name that would rewrite the terminal and add a line to a report. */
    static final String NAME = "evil\u001b[2J\u0007\r\nfake line";
    static final String SHOWN = "evil\\x1b[2J\\x07\\r\\nfake line";

    @TempDir
    Path dir;

    /** No control character but line ends (and tabs) in what was printed. */
    static void assertNoControlCharacters(String out) {
        for (char c : out.toCharArray()) {
            assertTrue(c >= 0x20 && (c < 0x7f || c > 0x9f) || c == '\n' || c == '\t',
                    "raw U+" + Integer.toHexString(c) + " in: " + out);
        }
    }

    @Test
    void diffOfDirectoriesAndTarsEscapesNames() throws Exception {
        Tools.require("python3");
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.writeString(a.resolve(NAME), "one\u001b[31m\n");
        Files.writeString(b.resolve(NAME), "two\u001b[31m\n");
        Tools.check(dir, "python3", "-c", "import sys, tarfile\n"
                + "for side in ('a', 'b'):\n"
                + "    with tarfile.open(side + '.tar', 'w', format=tarfile.PAX_FORMAT) as t:\n"
                + "        t.add(side, arcname='.')\n");
        List<String[]> pairs = List.of(new String[] {a.toString(), b.toString()},
                new String[] {dir.resolve("a.tar").toString(), dir.resolve("b.tar").toString()});
        for (String[] pair : pairs) {
            for (String format : List.of("text", "markdown", "html")) {
                Tools.Result r = Ocisc.run("diff", "-f", format, pair[0], pair[1]);
                assertEquals(1, r.exitCode(), r.stderr());
                assertNoControlCharacters(r.stdout());
                assertTrue(r.stdout().contains(SHOWN), r.stdout());
                assertTrue(r.stdout().contains("one\\x1b[31m"), "content is escaped too: " + r.stdout());
            }
            Tools.Result json = Ocisc.run("diff", "-f", "json", pair[0], pair[1]);
            List<String> paths = new ArrayList<>();
            new ObjectMapper().readTree(json.stdout()).findValues("path").forEach(p -> paths.add(p.asText()));
            assertTrue(paths.contains(NAME), "JSON keeps the name exact: " + paths);
        }
    }

    @Test
    void graphEscapesDerivationNames() throws Exception {
        DrvStore store = DrvStore.create(dir.resolve("store"));
        String dep = DrvStore.path(1, "dep.drv");
        String top = DrvStore.path(2, "top.drv");
        // An ATerm string may hold any byte; only \\ and " (and \n, \r, \t as escapes) are special.
        store.write(dep, DrvStore.derivation("dep\u001b[2J\u0007", DrvStore.path(3, "dep"), List.of()));
        store.write(top, DrvStore.derivation("top", DrvStore.path(4, "top"), List.of(dep)));
        String root = store.root().toString();
        for (List<String> extra : List.of(List.<String>of(), List.of("-f", "dot"), List.of("--why", "dep"))) {
            List<String> args = new ArrayList<>(List.of("graph", top, "--store", root, "--buildtime"));
            args.addAll(extra);
            Tools.Result r = Ocisc.run(args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.stderr());
            assertNoControlCharacters(r.stdout());
            // DOT quotes the escape's backslash again; Graphviz shows it as the text shows it.
            String shown = extra.contains("dot") ? "dep\\\\x1b[2J\\\\x07" : "dep\\x1b[2J\\x07";
            assertTrue(r.stdout().contains(shown), r.stdout());
        }
        Tools.Result json = Ocisc.run("graph", top, "--store", root, "--buildtime", "-f", "json");
        JsonNode nodes = new ObjectMapper().readTree(json.stdout()).get("nodes");
        assertEquals("dep\u001b[2J\u0007", nodes.get(0).get("name").asText());
    }

    /** A .drv broken at a newline byte, and a target whose name holds one: each error is one line. */
    @Test
    void errorsAreOneLineWhateverTheyQuote() throws Exception {
        DrvStore store = DrvStore.create(dir.resolve("store"));
        String drv = DrvStore.path(1, "broken.drv");
        store.write(drv, "Derive([\n(\"out\"");
        Tools.Result r = Ocisc.run("graph", drv, "--store", store.root().toString(), "--buildtime");
        CliIT.assertOneLineError(r, ExitCode.BAD_INPUT, store.file(drv) + ": malformed derivation at byte 8: "
                + "expected '(' but found '\\n'");
        Path named = Files.writeString(dir.resolve(NAME + ".json"), "{\"not\": \"a graph\"}");
        Tools.Result bad = Ocisc.run("graph", named.toString());
        CliIT.assertOneLineError(bad, ExitCode.BAD_INPUT, SHOWN + ".json");
        assertNoControlCharacters(bad.stderr());
    }

    /**
     * A run killed while writing leaves its hidden temp file beside the output; the next run writing that output
     * removes it. Temp files of a live process, and files not of ocisc's naming, stay.
     */
    @Test
    void theNextRunRemovesTempFilesThatAKilledRunLeft() throws Exception {
        Path out = dir.resolve("out.cdx.json");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = Files.write(dir.resolve(".out.cdx.json.ocisc-" + gone.pid() + ".tmp"), new byte[2 << 20]);
        Path live = Files.writeString(dir.resolve(".out.cdx.json.ocisc-" + ProcessHandle.current().pid() + ".tmp"),
                "a run still writing");
        Path other = Files.writeString(dir.resolve(".out.cdx.json.ocisc-12x.tmp"), "not ours");
        Tools.Result r = Ocisc.run("sbom", CliIT.RESULT, "--store", CliIT.STORE, "-o", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(Files.isRegularFile(out));
        assertTrue(Files.notExists(stale), "the killed run's temp file is gone");
        assertTrue(Files.exists(live) && Files.exists(other));
    }
    /**
     * -o /dev/fd/1 or /proc/self/fd/1 writes to this process's standard output, appended to what the file it was
     * redirected to holds already (as a shell's redirection would), and replaces neither the link nor that file.
     */
    @Test
    void descriptorPathsAreWrittenInto() throws Exception {
        Path root = Path.of(System.getProperty("ocisc.root"));
        for (String descriptor : List.of("/dev/fd/1", "/proc/self/fd/1")) {
            Path out = dir.resolve("stdout-" + descriptor.replace('/', '_') + ".txt");
            Files.writeString(out, "first line\n");
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", Ocisc.jar().toString(), "sbom", root.resolve("testdata/nix/result").toString(), "--store",
                    root.resolve("testdata/nix/store").toString(), "-f", "csv", "-o", descriptor);
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
            pb.redirectError(ProcessBuilder.Redirect.PIPE);
            Process p = pb.start();
            String stderr = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), stderr);
            String written = Files.readString(out);
            assertTrue(written.startsWith("first line\nref,name,version,"), descriptor + ": " + written);
            assertTrue(written.contains("pkg:nix/greeter@2.1.0"), written);
        }
        assertTrue(Files.isSymbolicLink(Path.of("/dev/fd")), "/dev/fd is still the link it was");
    }
}
