package dev.ocisc.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.oci.Limits;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tar pairs made by GNU tar, gzip and zstd (testdata/diff/make-tar-pairs.sh), one kind of drift each. */
class TarPairsTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void make() {
        Tools.require("tar");
        Tools.require("gzip");
        Tools.require("zstd");
        Tools.require("python3");
        Tools.check(null, "bash", TestData.path("diff/make-tar-pairs.sh").toString(), dir.toString());
    }

    private static Drift diff(String a, String b) {
        return new TreeDiff(DiffOptions.DEFAULT).diff(dir.resolve(a), dir.resolve(b));
    }

    private static Set<String> classes(Drift d) {
        return d.classes().keySet().stream().map(DriftClass::id).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static Finding only(Drift d) {
        assertEquals(1, d.findings().size(), () -> "findings: " + d.findings());
        return d.findings().get(0);
    }

    @Test
    void identicalPairIsDecidedFromDigests() {
        Drift d = diff("identical.a.tar", "identical.b.tar");
        assertTrue(d.identical());
        assertEquals("identical", d.verdict());
        assertEquals(List.of(), d.findings());
    }

    @Test
    void mtimeIsTimestampsOnTheOneFile() {
        Drift d = diff("mtime.a.tar", "mtime.b.tar");
        Finding f = only(d);
        assertEquals(DriftClass.TIMESTAMPS, f.drift());
        assertEquals("etc/demo.conf", f.path());
        assertEquals("mtime", f.field());
        assertTrue(f.a().startsWith("1700000000 "), f.a());
        assertTrue(f.b().startsWith("1700003600 "), f.b());
    }

    @Test
    void contentChangeShowsAUnifiedDiff() {
        Drift d = diff("content.a.tar", "content.b.tar");
        assertEquals(Set.of("content"), classes(d));
        assertEquals(List.of("sha256"), d.findings().stream().map(Finding::field).toList());
        assertEquals(1, d.contents().size());
        ContentDiff c = d.contents().get(0);
        assertEquals("unified", c.kind());
        assertTrue(c.text().contains("-version=1.0\n+version=1.1\n"), c.text());
        assertEquals(20, c.firstDifference(), "name=demo\\nversion=1. is 20 bytes");
    }

    @Test
    void groupWritableModeIsPermissionsWithUmaskNote() {
        Finding f = only(diff("mode.a.tar", "mode.b.tar"));
        assertEquals(DriftClass.PERMISSIONS, f.drift());
        assertEquals("0644", f.a());
        assertEquals("0664", f.b());
        assertTrue(f.note().contains("umask"), f.note());
    }

    @Test
    void ownerIsOwnershipOnEveryEntry() {
        Drift d = diff("owner.a.tar", "owner.b.tar");
        assertEquals(Set.of("ownership"), classes(d));
        assertTrue(d.findings().stream().anyMatch(f -> f.field().equals("uid") && f.b().equals("1000")));
        assertTrue(d.findings().stream().anyMatch(f -> f.field().equals("gid") && f.b().equals("1000")));
    }

    @Test
    void reversedOrderIsOrderOnly() {
        Finding f = only(diff("order.a.tar", "order.b.tar"));
        assertEquals(DriftClass.ORDER, f.drift());
        assertTrue(f.note().contains("out of order"), f.note());
    }

    @Test
    void ustarVersusGnuIsEncodingOnly() {
        Drift d = diff("format.a.tar", "format.b.tar");
        assertEquals(Set.of("encoding"), classes(d));
        assertTrue(d.findings().stream().anyMatch(f -> f.field().equals("tar.format")
                && f.a().equals("gnu") && f.b().equals("ustar")), d.findings()::toString);
        assertTrue(d.findings().stream().anyMatch(f -> f.field().equals("tar.long_names")
                && f.a().equals("gnu-longlink") && f.b().equals("ustar-prefix")), d.findings()::toString);
    }

    @Test
    void missingEndMarkerIsEncoding() {
        Drift d = diff("endmarker.a.tar", "endmarker.b.tar");
        assertEquals(Set.of("encoding"), classes(d));
        assertTrue(d.findings().stream().anyMatch(f -> f.field().equals("tar.end_marker_blocks")
                && f.a().equals("2") && f.b().equals("0")), d.findings()::toString);
    }

    @Test
    void gzipLevelIsCompressionFromXfl() {
        Finding f = only(diff("gzip-level.a.tar.gz", "gzip-level.b.tar.gz"));
        assertEquals(DriftClass.COMPRESSION, f.drift());
        assertEquals("gzip.XFL", f.field());
        assertTrue(f.a().startsWith("2 ") && f.b().startsWith("4 "), f.a() + " / " + f.b());
    }

    @Test
    void gzipHeaderIsCompressionFromMtimeAndName() {
        Drift d = diff("gzip-header.a.tar.gz", "gzip-header.b.tar.gz");
        assertEquals(Set.of("compression"), classes(d));
        assertEquals(Set.of("gzip.FNAME", "gzip.MTIME"),
                d.findings().stream().map(Finding::field).collect(Collectors.toSet()));
        assertTrue(d.findings().stream().anyMatch(f -> f.b().equals("\"layer.tar\"")));
        assertTrue(d.findings().stream().anyMatch(f -> f.a().equals("0") && f.b().equals("1700000000")));
    }

    @Test
    void zstdVersusGzipIsCompressionOnly() {
        Finding f = only(diff("zstd.a.tar.gz", "zstd.b.tar.zst"));
        assertEquals(DriftClass.COMPRESSION, f.drift());
        assertEquals("gzip", f.a());
        assertEquals("zstd", f.b());
        assertEquals("same uncompressed content", f.note());
    }

    @Test
    void zstdLevelIsCompressionOnly() {
        Drift d = diff("zstd-level.a.tar.zst", "zstd-level.b.tar.zst");
        assertEquals(Set.of("compression"), classes(d));
        assertFalse(d.findings().isEmpty());
    }

    @Test
    void ignoringTheClassMakesThePairEquivalent() {
        Drift d = new TreeDiff(new DiffOptions(Set.of(DriftClass.TIMESTAMPS), List.of(), java.util.Map.of(),
                Limits.defaults())).diff(dir.resolve("mtime.a.tar"), dir.resolve("mtime.b.tar"));
        assertTrue(d.clean());
        assertEquals("equivalent", d.verdict());
        assertEquals(1, d.ignored().get(DriftClass.TIMESTAMPS));
    }

    @Test
    void ignoringThePathMakesThePairEquivalent() {
        Drift d = new TreeDiff(new DiffOptions(Set.of(), List.of("etc/*"), java.util.Map.of(), Limits.defaults()))
                .diff(dir.resolve("content.a.tar"), dir.resolve("content.b.tar"));
        assertTrue(d.clean(), d.findings()::toString);
    }

    @Test
    void reportsAreDeterministic() throws Exception {
        for (ReportFormat format : ReportFormat.values()) {
            String first = render(format, diff("owner.a.tar", "owner.b.tar"));
            String second = render(format, diff("owner.a.tar", "owner.b.tar"));
            assertEquals(first, second, format.toString());
            assertTrue(first.contains("ownership"), first);
        }
    }

    /** Counts agree with their nouns: "1 difference in 1 class", never "1 differences". */
    @Test
    void reportsSayOneDifferenceInTheSingular() throws Exception {
        Drift one = diff("mode.a.tar", "mode.b.tar");
        assertEquals("1 difference in 1 class", one.extent());
        String text = render(ReportFormat.TEXT, one);
        assertTrue(text.contains("verdict: drift (1 difference in 1 class)\n"), text);
        Drift several = diff("owner.a.tar", "owner.b.tar");
        assertTrue(several.findings().size() > 1);
        assertEquals(several.findings().size() + " differences in 1 class", several.extent());
    }

    @Test
    void tarAgainstItsExtractedDirectoryHasNoContentDrift() throws Exception {
        Path x = dir.resolve("x");
        java.nio.file.Files.createDirectories(x);
        Tools.check(null, "tar", "-C", x.toString(), "-xf", dir.resolve("content.b.tar").toString());
        Drift d = diff("content.a.tar", "x");
        assertEquals(Set.of("content"), classes(d));
        assertEquals("etc/demo.conf", only(d).path());
    }

    static String render(ReportFormat format, Drift d) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportWriter.forFormat(format).write(d, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
