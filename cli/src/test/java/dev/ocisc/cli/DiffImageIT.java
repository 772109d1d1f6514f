package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.testing.Browser;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ocisc diff on images (testdata/diff/make-image-pairs.sh) through the built jar. */
class DiffImageIT {
    @TempDir
    static Path dir;

    @BeforeAll
    static void pairs() {
        for (String tool : List.of("umoci", "skopeo", "tar", "gzip", "zstd", "python3")) {
            Tools.require(tool);
        }
        Tools.check(null, "bash", TestData.path("diff/make-image-pairs.sh").toString(), dir.toString());
    }

    private static String p(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void identicalImagesInTwoFormsExitZero() {
        Tools.Result r = Ocisc.run("diff", p("forms.a"), p("forms.b.tar"));
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("verdict: identical"), r.stdout());
        assertTrue(r.stdout().contains("(oci-archive, 1 layer, manifest sha256:"), r.stdout());
    }

    /**
     * An image against a directory is its file system against the directory: what umoci unpack extracts from an
     * image is equivalent to it, and a changed file in the other image is named with its content difference
     * (before, the layout's blobs and index.json were compared with the directory's files).
     */
    @Test
    void anImageAgainstADirectoryComparesItsFileSystem() {
        Path bundle = dir.resolve("content.a.bundle");
        Tools.check(null, "umoci", "unpack", "--image", p("content.a") + ":latest", bundle.toString());
        String rootfs = bundle.resolve("rootfs").toString();
        Tools.Result same = Ocisc.run("diff", p("content.a"), rootfs);
        assertEquals(0, same.exitCode(), same.stdout() + same.stderr());
        Tools.Result changed = Ocisc.run("diff", rootfs, p("content.b"));
        assertEquals(1, changed.exitCode(), changed.stderr());
        assertTrue(changed.stdout().contains("etc/demo.conf  sha256: ") && changed.stdout().contains("+version=1.1"),
                changed.stdout());
        assertTrue(!changed.stdout().contains("blobs/") && !changed.stdout().contains("index.json"),
                changed.stdout());
    }

    @Test
    void createdIsAJsonFindingOnTheConfig() throws Exception {
        Tools.Result r = Ocisc.run("diff", "-f", "json", p("created.a"), p("created.b"));
        assertEquals(1, r.exitCode(), r.stderr());
        JsonNode j = new ObjectMapper().readTree(r.stdout());
        assertEquals("oci-layout", j.get("a").get("kind").asText());
        assertEquals(1, j.get("findings").size(), r.stdout());
        JsonNode f = j.get("findings").get(0);
        assertEquals("created", f.get("class").asText());
        assertEquals("config", f.get("path").asText());
        assertEquals("created", f.get("field").asText());
        Tools.Result ignored = Ocisc.run("diff", "--ignore", "created", p("created.a"), p("created.b"));
        assertEquals(0, ignored.exitCode(), ignored.stdout());
        assertTrue(ignored.stdout().contains("verdict: equivalent"), ignored.stdout());
    }

    @Test
    void markdownForJobSummaries() {
        Tools.Result r = Ocisc.run("diff", "-f", "markdown", p("nix.a.tar.gz"), p("nix.b.tar.gz"));
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("## ocisc diff: drift"), r.stdout());
        assertTrue(r.stdout().contains("`layers[0]/etc/demo.conf`"), r.stdout());
    }

    /**
     * The HTML report of images whose layering and two files differ (a text file and a binary): written whole to
     * -o, deterministic, and in chromium every class and finding is there, linked, and the search filters them.
     */
    @Test
    void htmlReportForPeople() throws Exception {
        Path html = dir.resolve("relayered.html");
        Tools.Result r = Ocisc.run("diff", "-f", "html", "-o", html.toString(), p("relayered.a"), p("relayered.b"));
        assertEquals(1, r.exitCode(), r.stderr());
        assertEquals("", r.stdout());
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("<div class=\"verdict fail\">drift &middot; "
                + "3 differences in 2 classes</div>"), page);
        assertEquals(page, Ocisc.run("diff", "-f", "html", p("relayered.a"), p("relayered.b")).stdout(),
                "the same bytes on stdout, every time");
        Browser.Page shown = Browser.load(html, "diff-html", List.of("#findings tbody tr", "section.drift-class",
                "#class-content", "#class-layers", "#f-1", "#f-3", "details.file[open]", "table.diff tr.del",
                "table.diff tr.add", "a[href='#c-1']"), List.of()).assertClean();
        assertEquals(3, shown.count("#findings tbody tr"));
        assertEquals(2, shown.count("section.drift-class"));
        for (String anchor : List.of("#class-content", "#class-layers", "#f-1", "#f-3", "a[href='#c-1']")) {
            assertEquals(1, shown.count(anchor), anchor);
        }
        assertEquals(2, shown.count("details.file[open]"), "the text file's diff and the binary's hex window");
        assertEquals(3, shown.count("table.diff tr.del"), "version=1.0, and A's two hex lines");
        Browser.Page searched = Browser.load(html, "diff-html-search", List.of(), List.of(
                new Browser.Search("input[data-filter=findings]", "layers", "#findings tbody tr"),
                new Browser.Search("input[data-filter=findings]", "usr/bin/tool", "#findings tbody tr"),
                new Browser.Search("input[data-filter=findings]", "content sha256", "#findings tbody tr")))
                .assertClean();
        assertEquals(List.of(1, 1, 2), searched.searchVisible());
    }

    @Test
    void multiPlatformIndexesReportEachPlatform() throws Exception {
        Tools.Result text = Ocisc.run("diff", p("multi.a"), p("multi.b"));
        assertEquals(1, text.exitCode(), text.stderr());
        assertTrue(text.stdout().contains("platforms:\n  linux/amd64  identical\n"
                + "  linux/arm64  drift (1 difference)\n"), text.stdout());
        assertTrue(text.stdout().contains("  linux/arm64/layers[0]/etc/demo.conf  sha256: "), text.stdout());
        assertEquals(text.stdout(), Ocisc.run("diff", p("multi.a"), p("multi.b")).stdout(), "deterministic");

        Tools.Result json = Ocisc.run("diff", "-f", "json", p("multi.a"), p("multi.b"));
        assertEquals(1, json.exitCode(), json.stderr());
        JsonNode j = new ObjectMapper().readTree(json.stdout());
        assertEquals(2, j.get("platforms").size(), json.stdout());
        assertEquals("linux/amd64", j.get("platforms").get(0).get("platform").asText());
        assertEquals("identical", j.get("platforms").get(0).get("verdict").asText());
        assertEquals("drift", j.get("platforms").get(1).get("verdict").asText());
        assertEquals(1, j.get("platforms").get(1).get("findings").asInt());
        assertEquals(2, j.get("a").get("entries").asInt());
        assertEquals(1, j.get("findings").size());
        assertEquals("linux/arm64/layers[0]/etc/demo.conf", j.get("findings").get(0).get("path").asText());

        Tools.Result md = Ocisc.run("diff", "-f", "markdown", p("multi-extra.a"), p("multi-extra.b"));
        assertEquals(1, md.exitCode(), md.stderr());
        assertTrue(md.stdout().contains("| `linux/s390x` | only-in-b | 1 |  | `sha256:"), md.stdout());

        Tools.Result one = Ocisc.run("diff", "--platform", "linux/amd64", p("multi.a"), p("multi.b"));
        assertEquals(0, one.exitCode(), one.stdout());
        assertTrue(!one.stdout().contains("platforms:"), one.stdout());
        Tools.Result same = Ocisc.run("diff", "-f", "json", p("multi.a"), p("multi-extra.a"));
        assertEquals(0, same.exitCode(), same.stdout());
    }

    @Test
    void aBrokenImageIsOneLineExitThreeNoReport() throws Exception {
        Path broken = dir.resolve("broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(broken.resolve("index.json"), "{\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:" + "0".repeat(64)
                + "\",\"size\":2}]}");
        Tools.Result r = Ocisc.run("diff", p("mtime.a"), broken.toString());
        assertEquals(3, r.exitCode(), r.stderr());
        assertEquals("", r.stdout());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
        assertTrue(r.stderr().contains(broken.toString()), r.stderr());
    }

    @Test
    void verifyImageGatesOnReproducibility() throws Exception {
        Path policy = dir.resolve("repro.json");
        Files.writeString(policy, "{\"require_reproducible\": true}");
        Tools.Result pass = Ocisc.run("verify", "image", p("gate.a"), "--policy", policy.toString(), "--rebuild",
                p("gate.a"));
        assertEquals(0, pass.exitCode(), pass.stdout() + pass.stderr());
        assertTrue(pass.stdout().contains("verdict: pass"), pass.stdout());
        Tools.Result fail = Ocisc.run("verify", "image", "-f", "json", p("gate.a"), "--policy", policy.toString(),
                "--rebuild", p("gate.b"));
        assertEquals(1, fail.exitCode(), fail.stderr());
        JsonNode j = new ObjectMapper().readTree(fail.stdout());
        assertEquals("fail", j.get("verdict").asText());
        assertEquals("reproducible", j.get("checks").get(0).get("id").asText());
        Tools.Result usage = Ocisc.run("verify", "image", p("gate.a"));
        assertEquals(2, usage.exitCode(), usage.stderr());
    }
}
