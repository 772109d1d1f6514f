package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.testing.Browser;
import dev.ocisc.testing.NixBuild;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ocisc diff and ocisc verify through the built jar: exit codes, formats, errors. */
class DiffIT {
    @TempDir
    static Path dir;

    @BeforeAll
    static void pairs() {
        Tools.require("tar");
        Tools.require("zstd");
        Tools.check(null, "bash", TestData.path("diff/make-tar-pairs.sh").toString(), dir.toString());
    }

    private static String p(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void identicalExitsZero() {
        Tools.Result r = Ocisc.run("diff", p("identical.a.tar"), p("identical.b.tar"));
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("verdict: identical"), r.stdout());
    }

    @Test
    void driftExitsOneAndIgnoreMakesItZero() {
        Tools.Result r = Ocisc.run("diff", p("mtime.a.tar"), p("mtime.b.tar"));
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("[timestamps]") && r.stdout().contains("etc/demo.conf  mtime:"), r.stdout());
        Tools.Result ignored = Ocisc.run("diff", "--ignore", "timestamps", p("mtime.a.tar"), p("mtime.b.tar"));
        assertEquals(0, ignored.exitCode(), ignored.stdout());
        assertTrue(ignored.stdout().contains("verdict: equivalent"), ignored.stdout());
    }

    @Test
    void jsonFollowsTheDocumentedSchema() throws Exception {
        Tools.Result r = Ocisc.run("diff", "-f", "json", p("gzip-header.a.tar.gz"), p("gzip-header.b.tar.gz"));
        assertEquals(1, r.exitCode(), r.stderr());
        JsonNode j = new ObjectMapper().readTree(r.stdout());
        assertEquals("drift", j.get("verdict").asText());
        assertEquals("compression", j.get("classes").get(0).get("id").asText());
        assertEquals("gzip.FNAME", j.get("findings").get(0).get("field").asText());
        assertTrue(j.get("a").get("digest").asText().startsWith("sha256:"));
        Tools.Result again = Ocisc.run("diff", "-f", "json", p("gzip-header.a.tar.gz"), p("gzip-header.b.tar.gz"));
        assertEquals(r.stdout(), again.stdout());
    }

    @Test
    void markdownHasAClassTable() {
        Tools.Result r = Ocisc.run("diff", "-f", "markdown", p("mode.a.tar"), p("mode.b.tar"));
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("| permissions | 1 |"), r.stdout());
    }

    @Test
    void unknownClassIsUsage() {
        Tools.Result r = Ocisc.run("diff", "--ignore", "nonsense", p("mode.a.tar"), p("mode.b.tar"));
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("unknown drift class 'nonsense'"), r.stderr());
    }

    @Test
    void corruptInputIsOneLineExitThreeAndNoReport() throws Exception {
        Path bad = dir.resolve("corrupt.tar.gz");
        byte[] good = Files.readAllBytes(dir.resolve("gzip-level.a.tar.gz"));
        byte[] cut = java.util.Arrays.copyOf(good, good.length / 2);
        Files.write(bad, cut);
        Tools.Result r = Ocisc.run("diff", p("gzip-level.a.tar.gz"), bad.toString());
        assertEquals(3, r.exitCode(), r.stderr());
        assertEquals("", r.stdout());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
        assertTrue(r.stderr().contains("corrupt.tar.gz"), r.stderr());
        Tools.Result missing = Ocisc.run("diff", p("nope.tar"), p("mode.a.tar"));
        assertEquals(3, missing.exitCode());
        assertTrue(missing.stderr().contains("nope.tar: no such file or directory"), missing.stderr());
    }

    @Test
    void verifyNixNamesTheEmbeddedTime() {
        String out = NixBuild.build(TestData.path("diff/nix"), "time");
        Tools.Result r = Ocisc.run(verifyNix(out));
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("not reproducible") && r.stdout().contains("[embedded-time]"), r.stdout());
        assertTrue(r.stdout().contains("-built=20"), r.stdout());
        Path html = dir.resolve("nix.html");
        List<String> args = new java.util.ArrayList<>(List.of(verifyNix(out)));
        args.addAll(List.of("-f", "html", "-o", html.toString()));
        assertEquals(1, Ocisc.run(args.toArray(String[]::new)).exitCode());
        Browser.Page page = Browser.load(html, "verify-nix-html", List.of("#drvs tbody tr", "#drvs a[href='#drv-1-1']",
                "section#drv-1-1 #drv-1-1-class-embedded-time", "section#drv-1-1 table.diff tr.add"), List.of())
                .assertClean();
        assertEquals(1, page.count("#drvs tbody tr"));
        assertEquals(1, page.count("#drvs a[href='#drv-1-1']"));
        assertEquals(1, page.count("section#drv-1-1 #drv-1-1-class-embedded-time"));
        assertTrue(page.count("section#drv-1-1 table.diff tr.add") > 0, "the changed line of the output");
        String det = NixBuild.build(TestData.path("diff/nix"), "deterministic");
        Tools.Result ok = Ocisc.run(verifyNix(det));
        assertEquals(0, ok.exitCode(), ok.stderr());
        assertTrue(ok.stdout().contains("summary: 1 reproducible, 0 not reproducible"), ok.stdout());
    }

    private static String[] verifyNix(String target) {
        List<String> args = new java.util.ArrayList<>(List.of("verify", "nix"));
        args.addAll(NixBuild.asOcisc());
        args.add(target);
        return args.toArray(String[]::new);
    }

    @Test
    void verifyRebuildBisectNamesTimeAndUmask() {
        Tools.require("faketime");
        Tools.Result r = Ocisc.run("verify", "rebuild", "--bisect", "--source",
                TestData.path("diff/rebuild").toString(), "--artifact", "artifact.tar", "--", "sh", "build.sh");
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("  time -> embedded-time\n"), r.stdout());
        assertTrue(r.stdout().contains("  umask -> permissions\n"), r.stdout());
        assertTrue(r.stdout().contains("run varying tz: same"), r.stdout());
    }

    /** Each run that drifted is a section of the page with ids of its own, linked from the runs table. */
    @Test
    void verifyRebuildAsHtml() throws Exception {
        Tools.require("faketime");
        Path html = dir.resolve("rebuild.html");
        Tools.Result r = Ocisc.run("verify", "rebuild", "--bisect", "--vary", "time,umask,tz", "--source",
                TestData.path("diff/rebuild").toString(), "--artifact", "artifact.tar", "-f", "html", "-o",
                html.toString(), "--", "sh", "build.sh");
        assertEquals(1, r.exitCode(), r.stderr());
        String page = Files.readString(html);
        assertTrue(page.contains("<div class=\"verdict fail\">not reproducible</div>"), page);
        Browser.Page shown = Browser.load(html, "verify-rebuild-html", List.of("#runs tbody tr", "#runs a.badge.fail",
                "section.run", "section.run [id$='-class-embedded-time']", "section.run [id$='-class-permissions']"),
                List.of()).assertClean();
        assertEquals(2, shown.count("#runs a.badge.fail"), "time and umask drift, tz does not");
        assertEquals(2, shown.count("section.run"));
        assertEquals(1, shown.count("section.run [id$='-class-embedded-time']"));
        assertEquals(1, shown.count("section.run [id$='-class-permissions']"));
    }

    @Test
    void verifyRebuildBisectNamesDirectoryOrder() {
        Tools.require("cc");
        Tools.Result r = Ocisc.run("verify", "rebuild", "--bisect", "--vary", "dirorder,umask,tz", "--source",
                TestData.path("diff/rebuild-dirorder").toString(), "--artifact", "artifact.txt", "--", "sh",
                "build.sh");
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("causes:\n  dirorder -> content\n"), r.stdout());
        assertTrue(r.stdout().contains("run varying umask: same"), r.stdout());
    }

    @Test
    void dirorderWithoutACompilerFailsWithOneLine(@org.junit.jupiter.api.io.TempDir Path bin) throws Exception {
        // A PATH with the shell and nothing else: no cc, no gcc.
        java.nio.file.Files.createSymbolicLink(bin.resolve("sh"), Tools.which("sh"));
        Tools.Result r = Ocisc.run(java.util.Map.of("PATH", bin.toString()), "verify", "rebuild", "--vary", "dirorder",
                "--source", TestData.path("diff/rebuild-dirorder").toString(), "--artifact", "artifact.txt", "--",
                "sh", "build.sh");
        assertEquals(4, r.exitCode(), r.stderr());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
        assertTrue(r.stderr().contains("variation dirorder needs a C compiler (cc or gcc)"), r.stderr());
        assertEquals("", r.stdout());

        // Not named, it is left out of the default variations with a warning, and the rebuild goes on.
        for (String tool : java.util.List.of("find", "cat")) {
            java.nio.file.Files.createSymbolicLink(bin.resolve(tool), Tools.which(tool));
        }
        Tools.Result defaults = Ocisc.run(java.util.Map.of("PATH", bin.toString()), "verify", "rebuild",
                "--source", TestData.path("diff/rebuild-dirorder").toString(), "--artifact", "artifact.txt", "--",
                "sh", "build.sh");
        assertEquals(0, defaults.exitCode(), defaults.stderr());
        assertTrue(defaults.stderr().contains("variation dirorder not applied: no C compiler (cc or gcc)"),
                defaults.stderr());
    }
}
