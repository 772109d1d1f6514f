package dev.ocisc.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.Limits;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.target.Target;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image pairs made by umoci, skopeo, GNU tar, gzip and zstd (testdata/diff/make-image-pairs.sh), one drift each. */
class ImagePairsTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void make() {
        for (String tool : List.of("umoci", "skopeo", "tar", "gzip", "zstd", "python3")) {
            Tools.require(tool);
        }
        Tools.check(null, "bash", TestData.path("diff/make-image-pairs.sh").toString(), dir.toString());
    }

    static Drift diff(String a, String b) {
        return new ImageDiff(DiffOptions.DEFAULT, ReadOptions.defaults()).diff(dir.resolve(a), dir.resolve(b));
    }

    private static Set<String> classes(Drift d) {
        return d.classes().keySet().stream().map(DriftClass::id).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Finding only(Drift d) {
        assertEquals(1, d.findings().size(), () -> "findings: " + d.findings());
        return d.findings().get(0);
    }

    @Test
    void identicalBuildsAreIdenticalFromDigests() {
        Drift d = diff("identical.a", "identical.b");
        assertTrue(d.identical(), () -> d.findings().toString());
        assertEquals("identical", d.verdict());
        assertEquals("oci-layout", d.a().kind());
    }

    @Test
    void aLayoutAndItsOciArchiveAreTheSameImage() {
        Drift d = diff("forms.a", "forms.b.tar");
        assertEquals("oci-archive", d.b().kind());
        assertTrue(d.identical(), () -> d.findings().toString());
        assertEquals(d.a().digest(), d.b().digest());
    }

    @Test
    void mtime() {
        Drift d = diff("mtime.a", "mtime.b");
        Finding f = only(d);
        assertEquals(DriftClass.TIMESTAMPS, f.drift());
        assertEquals("layers[0]/etc/demo.conf", f.path());
        assertEquals("mtime", f.field());
    }

    @Test
    void content() {
        Drift d = diff("content.a", "content.b");
        assertEquals(Set.of("content"), classes(d));
        assertEquals(List.of("layers[0]/etc/demo.conf"), d.findings().stream().map(Finding::path).distinct().toList());
        assertEquals(1, d.contents().size());
        assertEquals("layers[0]/etc/demo.conf", d.contents().get(0).path());
        assertTrue(d.contents().get(0).text().contains("+version=1.1"), d.contents().get(0).text());
    }

    @Test
    void mode() {
        Finding f = only(diff("mode.a", "mode.b"));
        assertEquals(DriftClass.PERMISSIONS, f.drift());
        assertEquals("0644", f.a());
        assertEquals("0664", f.b());
    }

    @Test
    void owner() {
        Drift d = diff("owner.a", "owner.b");
        assertEquals(Set.of("ownership"), classes(d));
        assertTrue(d.findings().stream().anyMatch(f -> f.field().equals("uid") && f.b().equals("1000")));
    }

    @Test
    void entryOrder() {
        Finding f = only(diff("order.a", "order.b"));
        assertEquals(DriftClass.ORDER, f.drift());
        assertEquals("layers[0]", f.path());
    }

    @Test
    void gzipLevelIsCompressionOnly() {
        Drift d = diff("gzip-level.a", "gzip-level.b");
        assertEquals(Set.of("compression"), classes(d));
        Finding f = only(d);
        assertEquals("gzip.XFL", f.field());
        assertTrue(f.b().startsWith("2 "), f.b());
    }

    @Test
    void gzipHeaderNamesMtimeAndFname() {
        Drift d = diff("gzip-header.a", "gzip-header.b");
        assertEquals(Set.of("compression"), classes(d));
        Set<String> fields = d.findings().stream().map(Finding::field).collect(Collectors.toSet());
        assertEquals(Set.of("gzip.MTIME", "gzip.FNAME"), fields);
    }

    @Test
    void zstdAgainstGzip() {
        Drift d = diff("zstd.a", "zstd.b");
        assertEquals(Set.of("compression"), classes(d));
        assertTrue(d.findings().stream().anyMatch(f -> f.field().equals("compression") && f.b().equals("zstd")));
        assertTrue(d.findings().stream().anyMatch(f -> f.path().equals("manifest")
                && f.field().equals("layers[0].mediaType")));
    }

    @Test
    void tarFormat() {
        Drift d = diff("tar-format.a", "tar-format.b");
        assertEquals(Set.of("encoding"), classes(d));
        assertTrue(d.findings().stream().anyMatch(f -> f.field().equals("tar.format") && f.a().equals("gnu")
                && f.b().equals("ustar")), () -> d.findings().toString());
    }

    @Test
    void history() {
        Finding f = only(diff("history.a", "history.b"));
        assertEquals(DriftClass.HISTORY, f.drift());
        assertEquals("config", f.path());
        assertEquals("history[0].comment", f.field());
        assertEquals("rebuilt", f.b());
    }

    @Test
    void created() {
        Finding f = only(diff("created.a", "created.b"));
        assertEquals(DriftClass.CREATED, f.drift());
        assertEquals("config", f.path());
        assertEquals("created", f.field());
        assertEquals("2024-06-01T12:00:00Z", f.b());
    }

    @Test
    void layerCountComparesFlattenedFileSystemsWithWhiteoutsApplied() {
        Drift d = diff("layers.a", "layers.b");
        Finding f = only(d);
        assertEquals(DriftClass.LAYERS, f.drift());
        assertEquals("1", f.a());
        assertEquals("2", f.b());
    }

    @Test
    void relayeredContentIsDiffedFromTheLayerTheFileCameFrom() {
        relayered(diff("relayered.a", "relayered.b"));
    }

    @Test
    void relayeredContentFromWholeCompressedArchives() {
        Drift d = diff("relayered.a.tar.gz", "relayered.b.tar.gz");
        assertEquals("docker-archive+gzip", d.b().kind());
        relayered(d);
    }

    /** B replaced etc/demo.conf and usr/bin/tool in later layers: both get a content diff, not only digests. */
    private static void relayered(Drift d) {
        assertEquals(Set.of("content", "layers"), classes(d), () -> d.findings().toString());
        assertTrue(d.findings().stream().anyMatch(f -> f.path().equals("layers") && f.b().equals("3")),
                () -> d.findings().toString());
        assertEquals(List.of("rootfs/etc/demo.conf", "rootfs/usr/bin/tool"),
                d.contents().stream().map(ContentDiff::path).toList());
        ContentDiff text = d.contents().get(0);
        assertEquals("unified", text.kind());
        assertTrue(text.text().contains("-version=1.0\n+version=1.1"), text.text());
        ContentDiff bin = d.contents().get(1);
        assertEquals("hex", bin.kind());
        assertEquals(35, bin.firstDifference());
        assertTrue(bin.text().contains("39 00 01 02") && bin.text().contains("39 00 01 03"), bin.text());
    }

    @Test
    void multiPlatformIndexesAreComparedPlatformByPlatform() {
        multi(diff("multi.a", "multi.b"));
    }

    @Test
    void multiPlatformAgainstAWholeCompressedOciArchive() {
        Drift d = diff("multi.a", "multi.b.tar.gz");
        assertEquals("oci-archive+gzip", d.b().kind());
        multi(d);
    }

    /** multi.b differs from multi.a in linux/arm64's etc/demo.conf only: exactly that platform is reported. */
    private static void multi(Drift d) {
        assertEquals(List.of(new Drift.PlatformDiff("linux/amd64", "identical", d.platforms().get(0).manifestA(),
                d.platforms().get(0).manifestA(), 0), new Drift.PlatformDiff("linux/arm64", "drift",
                        d.platforms().get(1).manifestA(), d.platforms().get(1).manifestB(), 1)), d.platforms());
        assertFalse(d.platforms().get(1).manifestA().equals(d.platforms().get(1).manifestB()));
        Finding f = only(d);
        assertEquals(DriftClass.CONTENT, f.drift());
        assertEquals("linux/arm64/layers[0]/etc/demo.conf", f.path());
        assertEquals(List.of("linux/arm64/layers[0]/etc/demo.conf"), d.contents().stream().map(ContentDiff::path)
                .toList());
        assertEquals(2, d.a().entries(), "a multi-platform side counts platforms");
        assertFalse(d.identical());
    }

    @Test
    void withAPlatformOnlyThatPlatformIsCompared() {
        ReadOptions amd64 = ReadOptions.defaults().withPlatform(dev.ocisc.oci.Platform.parse("linux/amd64"));
        ReadOptions arm64 = ReadOptions.defaults().withPlatform(dev.ocisc.oci.Platform.parse("linux/arm64"));
        Drift same = new ImageDiff(DiffOptions.DEFAULT, amd64).diff(dir.resolve("multi.a"), dir.resolve("multi.b"));
        assertTrue(same.identical(), () -> same.findings().toString());
        assertEquals(List.of(), same.platforms());
        Drift drift = new ImageDiff(DiffOptions.DEFAULT, arm64).diff(dir.resolve("multi.a"), dir.resolve("multi.b"));
        assertEquals("layers[0]/etc/demo.conf", only(drift).path());
    }

    @Test
    void aPlatformOnOneSideOnlyIsAFinding() {
        Drift d = diff("multi-extra.a", "multi-extra.b");
        Finding f = only(d);
        assertEquals(DriftClass.MANIFEST, f.drift());
        assertEquals("linux/s390x", f.path());
        assertEquals("platform", f.field());
        assertEquals("", f.a());
        assertTrue(f.b().startsWith("sha256:"), f.b());
        assertEquals(List.of("identical", "identical", "only-in-b"), d.platforms().stream()
                .map(Drift.PlatformDiff::verdict).toList());
        assertEquals("linux/s390x", d.platforms().get(2).platform());
    }

    @Test
    void identicalMultiPlatformIndexesBuiltTwice() {
        Drift d = diff("multi.a", "multi-extra.a");
        assertTrue(d.identical(), () -> d.findings().toString());
        assertEquals(2, d.platforms().size());
        assertTrue(d.platforms().stream().allMatch(p -> p.verdict().equals("identical")), d.platforms()::toString);
    }

    @Test
    void whiteout() {
        Drift d = diff("whiteout.a", "whiteout.b");
        assertEquals(Set.of("files"), classes(d));
        assertEquals(2, d.findings().size(), () -> d.findings().toString());
        assertTrue(d.findings().stream().allMatch(f -> f.note().contains("whiteout: deletes")), () -> d.findings()
                .toString());
    }

    @Test
    void configTrailingNewlineIsJsonSerializationOnly() {
        Finding f = only(diff("newline.a", "newline.b"));
        assertEquals(DriftClass.JSON, f.drift());
        assertEquals("config", f.path());
        assertEquals("json.trailing", f.field());
        assertEquals("\\n", f.a(), "umoci ends its config with a newline");
        assertEquals("", f.b());
    }

    @Test
    void dockerArchives() {
        Drift d = diff("docker.a.tar", "docker.b.tar");
        assertEquals("docker-archive", d.a().kind());
        assertEquals(Set.of("content"), classes(d), () -> d.findings().toString());
    }

    @Test
    void wholeCompressedArchivesAsNixWritesThem() {
        Drift d = diff("nix.a.tar.gz", "nix.b.tar.gz");
        assertEquals("docker-archive+gzip", d.a().kind());
        assertEquals(Set.of("content"), classes(d), () -> d.findings().toString());
        assertEquals(1, d.contents().size(), () -> d.contents().toString());
    }

    @Test
    void ignoringTheClassMakesThePairEquivalent() {
        DiffOptions o = new DiffOptions(Set.of(DriftClass.CREATED), List.of(), java.util.Map.of(), Limits.defaults());
        Drift d = new ImageDiff(o, ReadOptions.defaults()).diff(dir.resolve("created.a"), dir.resolve("created.b"));
        assertTrue(d.clean());
        assertFalse(d.identical());
        assertEquals(1, d.ignored().get(DriftClass.CREATED));
    }

    @Test
    void aLayerBlobThatDoesNotMatchItsDigestIsBadInput(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("broken");
        Tools.check(null, "cp", "-a", dir.resolve("content.b").toString(), copy.toString());
        Path blobs = copy.resolve("blobs/sha256");
        Path layer;
        try (var files = java.nio.file.Files.list(blobs)) {
            layer = files.filter(p -> {
                try (var in = java.nio.file.Files.newInputStream(p)) {
                    return in.read() == 0x1f;
                } catch (java.io.IOException e) {
                    return false;
                }
            }).findFirst().orElseThrow();
        }
        byte[] b = java.nio.file.Files.readAllBytes(layer);
        b[b.length / 2] ^= 1;
        java.nio.file.Files.write(layer, b);
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                InvalidInputException.class, () -> new ImageDiff(DiffOptions.DEFAULT,
                        ReadOptions.defaults()).diff(dir.resolve("content.a"), copy));
        assertTrue(e.getMessage().contains(copy.toString()) && e.getMessage().contains("layer 0"), e.getMessage());
    }

    /** diff compares images as images when the one classifier of targets says both are. */
    @Test
    void imagesAreToldFromTrees() {
        for (String image : List.of("mtime.a", "forms.b.tar", "docker.a.tar", "nix.a.tar.gz")) {
            assertTrue(Target.of(dir.resolve(image).toString(), null).image().isPresent(), image);
        }
        assertFalse(Target.of(dir.resolve("mtime.a/blobs").toString(), null).image().isPresent());
    }
}
