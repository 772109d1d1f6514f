package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
            // an empty file marks a JDK that has no archive (or has an AOT cache instead)
            return s.filter(p -> p.toString().endsWith(".jsa") && p.toFile().length() > 0).toList();
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

        // The archive is used: ocisc's own classes come from it (the JVM's class+load log, a supported option,
        // names the source of each class), and the SQLite driver's native library from the user's cache.
        Path log = Files.createTempFile("ocisc-classes", ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", "ocisc", "sbom", "testdata/nix/result", "--store",
                "testdata/nix/store", "-o", log.resolveSibling(log.getFileName() + ".cdx.json").toString())
                .directory(ROOT.toFile());
        pb.environment().put("OCISC_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
        Tools.Result logged = Tools.run(pb);
        assertEquals(0, logged.exitCode(), logged.stderr());
        List<String> loads = Files.readAllLines(log);
        Files.delete(log);
        Files.deleteIfExists(log.resolveSibling(log.getFileName() + ".cdx.json"));
        assertTrue(loads.stream().anyMatch(l -> l.contains("dev.ocisc.cli.SbomCommand source: shared objects file")),
                "ocisc's classes from the archive: " + loads.stream().filter(l -> l.contains("dev.ocisc.cli"))
                        .findFirst().orElse("(none loaded)"));
        for (Tools.Result r : List.of(first, again, sbom, logged)) {
            assertTrue(!r.stdout().contains("Warning") && !r.stderr().contains("Warning"), r.stderr());
        }
    }

    /**
     * On JDK 25 (the machine's second JDK, under /usr/lib/jvm) the launcher makes and uses the JDK's supported
     * ahead-of-time cache (JEP 483/514) instead of the class-data archive, and stdout still holds only ocisc's output.
     */
    @Test
    void onJdk25ItUsesTheAheadOfTimeCache() throws Exception {
        Path jdk = jdk(25);
        Ocisc.jar();
        String path = jdk.resolve("bin") + ":" + System.getenv("PATH");
        ProcessBuilder version = new ProcessBuilder("bash", "ocisc", "--version").directory(ROOT.toFile());
        version.environment().put("PATH", path);
        Tools.Result first = Tools.run(version);
        assertEquals(0, first.exitCode(), first.stderr());
        assertEquals(Ocisc.run("--version").stdout(), first.stdout());
        Path jar = ROOT.resolve("cli/target/ocisc.jar");
        List<Path> caches;
        try (Stream<Path> s = Files.list(ROOT.resolve("cli/target/cds"))) {
            caches = s.filter(p -> p.toString().endsWith(".aot") && p.toString().contains(jdk.getFileName().toString()))
                    .toList();
        }
        assertEquals(1, caches.size(), "one cache for this JDK and jar: " + caches);
        assertTrue(Files.size(caches.get(0)) > 1_000_000 && caches.get(0).toFile().lastModified()
                >= jar.toFile().lastModified(), caches.get(0) + " is a cache newer than the jar");

        Path log = Files.createTempFile("ocisc-classes", ".log");
        Path out = log.resolveSibling(log.getFileName() + ".cdx.json");
        ProcessBuilder pb = new ProcessBuilder("bash", "ocisc", "sbom", "testdata/nix/result", "--store",
                "testdata/nix/store", "-o", out.toString()).directory(ROOT.toFile());
        pb.environment().put("PATH", path);
        pb.environment().put("OCISC_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
        Tools.Result logged = Tools.run(pb);
        assertEquals(0, logged.exitCode(), logged.stderr());
        Tools.Result onDefault = Tools.run(ROOT, "bash", "ocisc", "sbom", "testdata/nix/result", "--store",
                "testdata/nix/store");
        assertEquals(0, onDefault.exitCode(), onDefault.stderr());
        assertEquals(onDefault.stdout(), Files.readString(out), "the same SBOM as on the default JDK");
        List<String> loads = Files.readAllLines(log);
        Files.delete(log);
        Files.delete(out);
        assertTrue(loads.stream().anyMatch(l -> l.contains("dev.ocisc.cli.SbomCommand source: shared objects file")),
                "ocisc's classes from the cache");
        assertTrue(!logged.stderr().contains("preparing") && !logged.stderr().contains("Warning"), logged.stderr());
    }

    /** A JDK of at least {@code feature} under /usr/lib/jvm, by its release file; fails in CI if there is none. */
    private static Path jdk(int feature) throws Exception {
        java.util.Optional<Path> found = java.util.Optional.empty();
        Path jvms = Path.of("/usr/lib/jvm");
        try (Stream<Path> s = Files.isDirectory(jvms) ? Files.list(jvms) : Stream.empty()) {
            found = s.filter(d -> Files.isExecutable(d.resolve("bin/java")) && featureOf(d) >= feature)
                    .sorted().findFirst();
        }
        if (found.isEmpty()) {
            String msg = "no JDK " + feature + " under /usr/lib/jvm (this kind of machine has Temurin's)";
            if (Tools.required()) {
                org.junit.jupiter.api.Assertions.fail(msg + " (OCISC_REQUIRE_TOOLS=1)");
            }
            org.junit.jupiter.api.Assumptions.abort(msg);
        }
        return found.get();
    }

    private static int featureOf(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=\"")) {
                    return Integer.parseInt(line.substring(14).split("[.\"]")[0]);
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** A run started with plain {@code java -jar} unpacks the SQLite library once, into the user's cache. */
    @Test
    void theSqliteLibraryIsUnpackedOnceIntoTheCache(@TempDir Path cache) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Ocisc.jar().toString(), "graph", "testdata/nix/result", "--store", "testdata/nix/store")
                .directory(ROOT.toFile());
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        Tools.Result r = Tools.run(pb);
        assertEquals(0, r.exitCode(), r.stderr());
        List<Path> libs;
        try (Stream<Path> s = Files.walk(cache)) {
            libs = s.filter(p -> p.getFileName().toString().equals("libsqlitejdbc.so")).toList();
        }
        assertEquals(1, libs.size(), libs::toString);
        long size = Files.size(libs.get(0));
        assertTrue(size > 100_000, "a whole library: " + size);
        Tools.Result again = Tools.run(pb);
        assertEquals(r.stdout(), again.stdout());
        try (Stream<Path> s = Files.walk(cache)) {
            assertEquals(1, s.filter(p -> p.getFileName().toString().startsWith("libsqlitejdbc")).count(),
                    "no temporary copies left");
        }
        // Without XDG_CACHE_HOME, under $HOME/.cache: the HOME a CI job sets, not the account's home directory.
        Path home = Files.createDirectories(cache.resolve("home"));
        pb.environment().remove("XDG_CACHE_HOME");
        pb.environment().put("HOME", home.toString());
        assertEquals(0, Tools.run(pb).exitCode());
        assertTrue(Files.isDirectory(home.resolve(".cache/ocisc/sqlite-native")), "cache under $HOME");
    }

    /**
     * First use on a fresh clone: the launcher builds the jar with Maven, and what it prints is text, not Maven's
     * terminal escape codes (Debian's Maven 3.8 writes ESC[0m resets even with -B -q).
     */
    @Test
    void firstUseBuildsTheJarAndPrintsNoEscapeCodes(@TempDir Path temp) throws Exception {
        Path copy = sources(temp);
        Tools.Result r = launch(copy, System.getenv("PATH"));
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("ocisc: building "), r.stderr());
        assertTrue(Files.isRegularFile(copy.resolve("cli/target/ocisc.jar")));
        assertTrue(r.stdout().startsWith("ocisc "), r.stdout());
        assertTrue(!(r.stdout() + r.stderr()).contains("\u001b"), "escape codes: " + (r.stdout() + r.stderr()));
    }

    /** Without Maven or without Java, one line that says what is missing and how to get it, exit 4. */
    @Test
    void missingMavenOrJavaIsOneLineAndExit4(@TempDir Path temp) throws Exception {
        Path copy = sources(temp);
        Path bin = Files.createDirectories(temp.resolve("bin"));
        // Only what the launcher uses besides mvn and java (Debian merges /bin into /usr/bin, which has both).
        for (String tool : List.of("bash", "readlink", "mktemp", "mv", "rm", "mkdir", "cat")) {
            Files.createSymbolicLink(bin.resolve(tool), Tools.which(tool));
        }
        Tools.Result noMaven = launch(copy, bin.toString());
        assertEquals(4, noMaven.exitCode(), noMaven.stderr());
        assertEquals(1, noMaven.stderr().lines().count(), noMaven.stderr());
        assertTrue(noMaven.stderr().contains("mvn is not on PATH") && noMaven.stderr().contains("apt-get install maven"),
                noMaven.stderr());

        // With a jar newer than every source, only Java is needed.
        Path jar = copy.resolve("cli/target/ocisc.jar");
        Files.createDirectories(jar.getParent());
        Files.copy(ROOT.resolve("cli/target/ocisc.jar"), jar);
        Tools.Result noJava = launch(copy, bin.toString());
        assertEquals(4, noJava.exitCode(), noJava.stderr());
        assertEquals(1, noJava.stderr().lines().count(), noJava.stderr());
        assertTrue(noJava.stderr().contains("java is not on PATH"), noJava.stderr());
    }

    /** A checkout's sources without tests, fixtures or build output: the launcher's first use, made quick. */
    private static Path sources(Path temp) throws Exception {
        Path copy = temp.resolve("clone");
        for (String f : List.of("ocisc", "pom.xml", ".mvn/jvm.config", "release/pom.xml")) {
            TestData.copyTree(ROOT.resolve(f), copy.resolve(f));
        }
        for (String m : List.of("graph", "oci", "sbom", "provenance", "verify", "cli")) {
            TestData.copyTree(ROOT.resolve(m).resolve("pom.xml"), copy.resolve(m).resolve("pom.xml"));
            TestData.copyTree(ROOT.resolve(m).resolve("src/main"), copy.resolve(m).resolve("src/main"));
        }
        return copy;
    }

    /** Runs {@code bash ocisc --version} in {@code dir} with only PATH and HOME set, as a new user's shell has. */
    private static Tools.Result launch(Path dir, String path) {
        ProcessBuilder pb = new ProcessBuilder(Tools.which("bash").toString(), "ocisc", "--version")
                .directory(dir.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", path);
        pb.environment().put("HOME", System.getProperty("user.home"));
        return Tools.run(pb);
    }

}
