package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./ocisc} launcher, as the README runs it: it makes its class-data-sharing archive on first use after
 * a build, uses it afterwards, and keeps every JVM message off standard output, which belongs to ocisc.
 */
class LauncherIT {
    private static final Path ROOT = Path.of(System.getProperty("ocisc.root"));

    private static List<Path> archives() throws Exception {
        Path dir = ROOT.resolve("cli/target/cds");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jsa")).toList();
        }
    }

    @Test
    void makesItsArchiveOnceAndKeepsStdoutClean() throws Exception {
        Ocisc.jar(); // built by this Maven run, so the launcher has nothing to rebuild
        Tools.Result first = Tools.run(ROOT, "bash", "ocisc", "--version");
        assertEquals(0, first.exitCode(), first.stderr());
        assertEquals("ocisc " + Ocisc.run("--version").stdout().strip().substring("ocisc ".length()) + "\n",
                first.stdout());
        Path jar = ROOT.resolve("cli/target/ocisc.jar");
        assertTrue(archives().stream().anyMatch(a -> a.toFile().lastModified() >= jar.toFile().lastModified()),
                "an archive newer than the jar: " + archives());

        Tools.Result again = Tools.run(ROOT, "bash", "ocisc", "--version");
        assertEquals(first.stdout(), again.stdout());
        assertTrue(!again.stderr().contains("preparing"), "made once: " + again.stderr());

        // A whole document on stdout, and nothing else in it.
        Tools.Result sbom = Tools.run(ROOT, "bash", "ocisc", "sbom", "testdata/nix/result", "--store",
                "testdata/nix/store");
        assertEquals(0, sbom.exitCode(), sbom.stderr());
        JsonNode doc = new ObjectMapper().readTree(sbom.stdout());
        assertEquals("CycloneDX", doc.path("bomFormat").asText());
        assertTrue(sbom.stdout().startsWith("{"), sbom.stdout().substring(0, Math.min(200, sbom.stdout().length())));

        // The JIT options (C2 for the JDK's digests and zip only, cli/compiler-directives.json) were tried once
        // with this JDK and taken; the JVM's "compiler directives added" went to neither stream.
        List<Path> tried = jitProbes().stream()
                .filter(p -> p.toFile().lastModified() >= jar.toFile().lastModified()).toList();
        assertTrue(!tried.isEmpty(), "a probe made for this jar: " + jitProbes());
        for (Path p : tried) {
            assertEquals("yes", Files.readString(p).strip(), "the JIT options work with this JDK: " + p);
        }
        for (Tools.Result r : List.of(first, again, sbom)) {
            assertTrue(!r.stdout().contains("directives") && !r.stderr().contains("directives"), r.stderr());
        }
    }

    private static List<Path> jitProbes() throws Exception {
        try (Stream<Path> s = Files.list(ROOT.resolve("cli/target/cds"))) {
            return s.filter(p -> p.toString().endsWith(".jit")).toList();
        }
    }
}
