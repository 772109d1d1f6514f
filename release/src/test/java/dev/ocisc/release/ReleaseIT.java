package dev.ocisc.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive this build packed (release/target/ocisc-VERSION.tar.gz), as a user gets it: unpacked
 * anywhere and run through a symlink with only a JDK on PATH, its completions in real bash and zsh, its man pages
 * through man(1), rebuilt byte for byte, and signed and verified by ocisc itself. The rebuilds pack the jar this
 * build made again (a copy of only what release/pom.xml reads), not a nested full build: a few seconds each.
 */
class ReleaseIT {
    private static final Path ROOT = Path.of(System.getProperty("ocisc.root"));
    private static final String VERSION = System.getProperty("ocisc.version");
    private static final Path ARCHIVE = ROOT.resolve("release/target/ocisc-" + VERSION + ".tar.gz");
    private static final String NAME = "ocisc-" + VERSION;

    @TempDir
    static Path tmp;
    /** The unpacked archive, under a directory of its own; tmp/bin/ocisc links to its bin/ocisc. */
    static Path home;
    /** PATH for the installed ocisc: a JDK's java and the few coreutils the launcher uses; no Maven. */
    static Path path;

    @BeforeAll
    static void install() throws Exception {
        assertTrue(Files.isRegularFile(ARCHIVE), "run through `mvn verify`: " + ARCHIVE);
        Path opt = Files.createDirectories(tmp.resolve("opt"));
        check(run(opt, Map.of(), "tar", "xzf", ARCHIVE.toString()));
        home = opt.resolve(NAME);
        Files.createDirectories(tmp.resolve("bin"));
        Files.createSymbolicLink(tmp.resolve("bin/ocisc"), Path.of("../opt", NAME, "bin/ocisc"));
        path = Files.createDirectories(tmp.resolve("path"));
        Files.createSymbolicLink(path.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        for (String tool : List.of("readlink", "mktemp", "dirname", "rm", "mv", "mkdir")) {
            Files.createSymbolicLink(path.resolve(tool), which(tool));
        }
    }

    /** Runs the installed bin/ocisc through its symlink, with the restricted PATH and a home of its own. */
    private static Result installed(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/bin/bash", tmp.resolve("bin/ocisc").toString()));
        cmd.addAll(List.of(args));
        // A user with only a HOME: the XDG_CACHE_HOME the build gives tests would move the launcher's cache.
        Map<String, String> env = new java.util.HashMap<>();
        env.put("PATH", path.toString());
        env.put("HOME", tmp.resolve("home").toString());
        env.put("XDG_CACHE_HOME", null);
        return run(tmp, env, cmd.toArray(String[]::new));
    }

    @Test
    void runsUnpackedAnywhereWithOnlyAJdk() throws Exception {
        Result v = installed("--version");
        assertEquals(0, v.exitCode(), v.stderr());
        List<String> lines = v.stdout().lines().toList();
        assertEquals("ocisc " + VERSION, lines.get(0), v.stdout());
        // The commit and its date, from git when the build had it: what a rebuild of the same commit repeats.
        Result head = run(ROOT, Map.of("TZ", "UTC"), "git", "log", "-1", "--format=%H%n%cd",
                "--date=format-local:%Y-%m-%dT%H:%M:%SZ");
        List<String> git = head.exitCode() == 0 ? head.stdout().lines().toList() : List.of("unknown", "");
        assertEquals("commit: " + git.get(0), lines.get(1), v.stdout());
        assertTrue(lines.get(2).startsWith("built: " + (git.get(1).isEmpty() ? "" : git.get(1))), v.stdout());
        assertTrue(!git.get(0).equals("unknown") || lines.get(2).equals("built: 1980-01-01T00:00:02Z"), v.stdout());

        // The launcher made its class-data archive (or JDK 25's cache) in the user's cache, not in the install.
        try (Stream<Path> s = Files.list(tmp.resolve("home/.cache/ocisc/cds"))) {
            assertTrue(s.anyMatch(p -> p.toFile().length() > 0), "a class-data archive in ~/.cache/ocisc/cds");
        }
        try (Stream<Path> s = Files.walk(home)) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".jsa") || p.toString().endsWith(".aot")),
                    "nothing written into the install");
        }
        Result sbom = installed("sbom", home.resolve("share/ocisc/sample/oci/debian.oci.tar").toString());
        assertEquals(0, sbom.exitCode(), sbom.stderr());
        assertTrue(sbom.stdout().startsWith("{") && sbom.stdout().contains("\"CycloneDX\""), sbom.stdout());
    }

    @Test
    void bashCompletesCommandsAndOptions() throws Exception {
        Path script = home.resolve("share/bash-completion/completions/ocisc");
        // The shipped script is what `ocisc completion bash` prints.
        Result printed = installed("completion", "bash");
        assertEquals(0, printed.exitCode(), printed.stderr());
        assertEquals(Files.readString(script), printed.stdout());
        assertEquals(List.of("sbom"), bashComplete(script, "ocisc", "sb"));
        assertEquals(List.of("--buildtime"), bashComplete(script, "ocisc", "sbom", "--bu"));
        assertEquals(List.of("--runs"), bashComplete(script, "ocisc", "verify", "rebuild", "--ru"));
    }

    /** COMPREPLY after the completion function runs in a real bash on the words given, the last being completed. */
    private static List<String> bashComplete(Path script, String... words) throws Exception {
        String line = String.join(" ", words);
        String program = "source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(( $# - 1 )); COMP_LINE=\"$*\"; "
                + "COMP_POINT=${#COMP_LINE}; _complete_ocisc; printf '%s\\n' \"${COMPREPLY[@]}\"";
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", program, "bash", script.toString()));
        cmd.addAll(List.of(words));
        Result r = run(tmp, Map.of(), cmd.toArray(String[]::new));
        assertEquals(0, r.exitCode(), line + ": " + r.stderr());
        return r.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void zshCompletesThroughBashcompinit() throws Exception {
        require("zsh");
        Path script = home.resolve("share/ocisc/completion/ocisc.zsh");
        Path driver = tmp.resolve("zsh-complete.zsh");
        try (InputStream in = ReleaseIT.class.getResourceAsStream("zsh-complete.zsh")) {
            Files.copy(in, driver, StandardCopyOption.REPLACE_EXISTING);
        }
        Result sb = run(tmp, Map.of(), "zsh", "-f", driver.toString(), script.toString(), "ocisc sb");
        assertEquals(List.of("sbom"), sb.stdout().lines().distinct().toList(), sb.stderr());
        Result opt = run(tmp, Map.of(), "zsh", "-f", driver.toString(), script.toString(), "ocisc sbom --bu");
        assertEquals(List.of("--buildtime"), opt.stdout().lines().distinct().toList(), opt.stderr());
    }

    @Test
    void manRendersTheSbomPageWithItsOptions() throws Exception {
        require("man");
        Path page = home.resolve("share/man/man1/ocisc-sbom.1");
        Result r = run(tmp, Map.of("MANWIDTH", "100", "MAN_KEEP_FORMATTING", ""), "man", "-l", page.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().isBlank(), "groff warnings: " + r.stderr());
        for (String s : List.of("OCISC-SBOM(1)", "NAME", "ocisc-sbom - Write SBOMs", "SYNOPSIS", "OPTIONS",
                "--buildtime", "--store=ROOT", "ocisc " + VERSION)) {
            assertTrue(r.stdout().contains(s), "'" + s + "' in:\n" + r.stdout());
        }
        // The synopsis as --help prints it: none of picocli's bold and italic markup left for man to show.
        String synopsis = r.stdout().substring(r.stdout().indexOf("SYNOPSIS"), r.stdout().indexOf("DESCRIPTION"));
        assertTrue(synopsis.contains("[--store=ROOT]") && synopsis.contains("[--cacert=FILE[,FILE...]]...")
                && synopsis.contains("[--platform=OS/ARCH"), synopsis);
        assertFalse(synopsis.contains("*") || synopsis.contains("_"), synopsis);
        // A page per command: one for each AsciiDoc page picocli generated from the command model.
        List<String> adoc;
        List<String> troff;
        try (Stream<Path> s = Files.list(ROOT.resolve("cli/target/release-docs/man-adoc"))) {
            adoc = s.map(p -> p.getFileName().toString().replace(".adoc", ".1")).sorted().toList();
        }
        try (Stream<Path> s = Files.list(page.getParent())) {
            troff = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(adoc, troff);
        assertTrue(troff.containsAll(List.of("ocisc.1", "ocisc-sbom.1", "ocisc-verify-rebuild.1")), troff::toString);
    }

    /**
     * Reproducible: `ocisc verify rebuild` packs the release twice more, in fresh directories under varied time,
     * time zone, locale, umask, path, host name and directory order, from a copy of only what release/pom.xml
     * reads; both equal this build's archive. `ocisc diff` says identical for a rebuild and drift for an archive
     * packed differently (GNU tar, other modes and times).
     */
    @Test
    void rebuildsByteForByte() throws Exception {
        Path source = stageReleaseSources(tmp.resolve("source"));
        List<String> mvn = List.of("mvn", "-B", "-q", "-o", "-Dmaven.repo.local=" + System.getProperty(
                "ocisc.maven.repo"), "-f", "release/pom.xml", "package", "-Dmaven.test.skip=true");
        List<String> verify = new ArrayList<>(List.of("verify", "rebuild", "--runs", "2", "--source",
                source.toString(), "--artifact", "release/target/" + NAME + ".tar.gz", "--"));
        verify.addAll(mvn);
        Result rebuild = ocisc(verify.toArray(String[]::new));
        assertEquals(0, rebuild.exitCode(), rebuild.stdout() + rebuild.stderr());
        assertTrue(rebuild.stdout().contains("verdict: reproducible"), rebuild.stdout());
        assertTrue(rebuild.stdout().contains("control artifact: sha256:" + sha256(ARCHIVE)),
                "the rebuilds equal this build's archive:\n" + rebuild.stdout());

        // One more pack, kept: byte-identical, and ocisc diff agrees.
        check(run(source, Map.of(), mvn.toArray(String[]::new)));
        Path again = source.resolve("release/target/" + NAME + ".tar.gz");
        assertEquals(-1L, Files.mismatch(ARCHIVE, again));
        Result same = ocisc("diff", ARCHIVE.toString(), again.toString());
        assertEquals(0, same.exitCode(), same.stdout() + same.stderr());
        assertTrue(same.stdout().contains("verdict: identical"), same.stdout());

        // The same files packed by GNU tar with other modes and times: a drift, named.
        Path unpacked = Files.createDirectories(tmp.resolve("repack"));
        check(run(unpacked, Map.of(), "tar", "xzf", ARCHIVE.toString()));
        Path other = tmp.resolve("other.tar.gz");
        check(run(unpacked, Map.of(), "sh", "-c", "tar --sort=name --owner=0 --group=0 --numeric-owner "
                + "--mtime=@1000000000 --mode=u+w,go-w -cf - " + NAME + " | gzip -n > " + other));
        Result drift = ocisc("diff", ARCHIVE.toString(), other.toString());
        assertEquals(1, drift.exitCode(), drift.stdout() + drift.stderr());
        assertTrue(drift.stdout().contains("verdict: drift") && drift.stdout().contains("[timestamps]"),
                drift.stdout());
    }

    /** What release/pom.xml reads, copied: the POMs, the launcher, cli's build outputs, the training sample. */
    private static Path stageReleaseSources(Path to) throws IOException {
        for (String p : List.of("pom.xml", ".mvn", "ocisc", "release/pom.xml", "release/src/assembly",
                "cli/target/ocisc.jar", "cli/target/ocisc.cdx.json", "cli/target/licenses",
                "cli/target/release-docs/completion",
                "cli/target/release-docs/man-adoc", "testdata/nix/store", "testdata/oci/debian.oci.tar",
                "testdata/oci/debian.docker.tar")) {
            copyTree(ROOT.resolve(p), to.resolve(p));
        }
        return to;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /**
     * release/make-release.sh signs provenance of the archive with a throwaway key from `ocisc keygen`, and
     * `ocisc attest verify` accepts it for the archive and refuses it for another file.
     */
    @Test
    void signedProvenanceVerifies() throws Exception {
        Path keys = Files.createDirectories(tmp.resolve("keys"));
        check(ocisc("keygen", "-o", keys.resolve("release").toString()));
        Path dist = tmp.resolve("dist");
        Result made = run(ROOT, Map.of(), "bash", "release/make-release.sh", "--no-build", "--key",
                keys.resolve("release.key").toString(), "--out", dist.toString());
        assertEquals(0, made.exitCode(), made.stderr());
        Path archive = dist.resolve(NAME + ".tar.gz");
        Path provenance = dist.resolve(NAME + ".tar.gz.intoto.jsonl");
        assertEquals(-1L, Files.mismatch(ARCHIVE, archive));
        Result ok = ocisc("attest", "verify", provenance.toString(), "--key", keys.resolve("release.pub").toString(),
                "--artifact", archive.toString(), "--build-type", "https://ocisc.dev/buildtypes/maven-release/v1");
        assertEquals(0, ok.exitCode(), ok.stdout() + ok.stderr());
        assertTrue(ok.stdout().contains("subject " + NAME + ".tar.gz"), ok.stdout());
        Result other = ocisc("attest", "verify", provenance.toString(), "--key",
                keys.resolve("release.pub").toString(), "--artifact", dist.resolve(NAME + ".cdx.json").toString());
        assertEquals(1, other.exitCode(), other.stdout() + other.stderr());

        // ocisc's own SBOM beside the archive and inside it: its Maven dependencies, with a fixed serial number.
        String sbom = Files.readString(dist.resolve(NAME + ".cdx.json"));
        assertEquals(sbom, Files.readString(home.resolve("share/doc/ocisc/ocisc.cdx.json")));
        for (String s : List.of("\"bomFormat\" : \"CycloneDX\"", "pkg:maven/info.picocli/picocli@",
                "pkg:maven/org.xerial/sqlite-jdbc@", "pkg:maven/dev.ocisc/ocisc-graph@" + VERSION)) {
            assertTrue(sbom.contains(s), s);
        }
        assertTrue(!sbom.contains("\"timestamp\""), "no build time in the SBOM");
        // and the licence files its dependencies ship in their jars, beside it
        try (Stream<Path> files = Files.walk(home.resolve("share/doc/ocisc/licenses"))) {
            List<String> found = files.map(p -> home.relativize(p).toString()).toList();
            for (String dep : List.of("jackson-databind-", "sqlite-jdbc-")) {
                assertTrue(found.stream().anyMatch(f -> f.contains(dep) && f.endsWith("LICENSE")), dep + " in "
                        + found);
            }
        }
    }

    // ---- processes. The graph module's Tools does this for the other modules; release/ depends on no module
    // (it must rebuild alone from a copy), so it has these few lines of its own.

    record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs the jar this build made (the same one the archive holds). */
    private static Result ocisc(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", ROOT.resolve("cli/target/ocisc.jar").toString()));
        cmd.addAll(List.of(args));
        return run(tmp, Map.of(), cmd.toArray(String[]::new));
    }

    private static Result run(Path dir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            fail("still running after 5 minutes: " + pb.command());
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Result check(Result r) {
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        return r;
    }

    private static Path which(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** A tool the test needs: always a failure when missing (.ci/run installs it), never a skip. */
    private static void require(String program) {
        if (which(program) == null) {
            fail(program + " is not installed; .ci/run installs it");
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            md.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
