package dev.ocisc.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.Limits;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.testing.RawLayout;
import dev.ocisc.testing.RawTar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diff} judges images and tars by the rules every command applies (oci's tar reader, limits and layer
 * checks): what {@code sbom} refuses, a diff refuses too, even between an image and itself.
 */
class ImageRulesTest {
    @TempDir
    Path tmp;

    private static final byte[] TAR = RawTar.concat(RawTar.file("etc/a", "a"), RawTar.end());

    private static Drift diff(Path a, Path b) {
        return new ImageDiff(DiffOptions.DEFAULT, ReadOptions.defaults()).diff(a, b);
    }

    private static String refused(Path a, Path b) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> diff(a, b));
        assertTrue(e.getMessage().startsWith(a + ": ") || e.getMessage().startsWith(b + ": "), e.getMessage());
        return e.getMessage();
    }

    private Path lying(String name) {
        RawLayout l = new RawLayout(tmp.resolve(name));
        return l.write(l.image(List.of(l.blob(RawLayout.LAYER, TAR)),
                List.of(RawLayout.sha256("not this layer".getBytes(StandardCharsets.UTF_8)))));
    }

    @Test
    void anImageWhoseDiffIdsLieIsNotIdenticalToItself() throws IOException {
        Path image = lying("lies");
        assertTrue(refused(image, image).contains("DiffID mismatch"));
        // As an archive: the same bytes on both sides are still read once.
        Path archive = tmp.resolve("lies.tar");
        List<Path> files;
        try (var walk = Files.walk(image)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        for (Path f : files) {
            tar.writeBytes(RawTar.file(image.relativize(f).toString(), Files.readAllBytes(f)));
        }
        tar.writeBytes(RawTar.end());
        Files.write(archive, tar.toByteArray());
        assertTrue(refused(archive, archive).contains("DiffID mismatch"));
    }

    @Test
    void theSameBlobDeclaredWithADifferentDiffIdIsRefused() {
        RawLayout good = new RawLayout(tmp.resolve("good"));
        Path a = good.write(good.image(TAR));
        Path b = lying("bad");
        assertTrue(refused(a, b).contains("DiffID mismatch"));
    }

    @Test
    void layersFollowTheLayerRules() {
        RawLayout dup = new RawLayout(tmp.resolve("dup"));
        Path a = dup.write(dup.image(RawTar.concat(RawTar.file("etc/a", "1"), RawTar.file("./etc/a", "2"),
                RawTar.end())));
        RawLayout ok = new RawLayout(tmp.resolve("ok"));
        Path b = ok.write(ok.image(TAR));
        assertTrue(refused(a, b).contains("duplicate tar entry 'etc/a'"));
        RawLayout out = new RawLayout(tmp.resolve("out"));
        Path c = out.write(out.image(RawTar.concat(RawTar.file("../../etc/evil", "x"), RawTar.end())));
        assertTrue(refused(c, b).contains("escapes the root"));
        // A layer is a tar whatever its first block says: a bad checksum there is not "a file".
        RawLayout sum = new RawLayout(tmp.resolve("sum"));
        Path d = sum.write(sum.image(RawTar.concat(new RawTar.Header("etc/a", '0').badChecksum().bytes(),
                RawTar.end())));
        assertTrue(refused(d, b).contains("header checksum mismatch at offset 0"));
    }

    @Test
    void tarsFollowTheTarRules() throws IOException {
        Path a = tmp.resolve("a.tar");
        Path b = tmp.resolve("b.tar");
        Files.write(a, RawTar.concat(RawTar.file("etc/a", "1"), RawTar.file("../etc/b", "2"), RawTar.end()));
        Files.write(b, TAR);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new TreeDiff(DiffOptions.DEFAULT).diff(a, b));
        assertTrue(e.getMessage().contains("escapes the root"), e.getMessage());
        Files.write(a, RawTar.concat(RawTar.file("etc/a", "1"), new RawTar.Header("etc/b", '0').badChecksum().bytes(),
                RawTar.end()));
        e = assertThrows(InvalidInputException.class, () -> new TreeDiff(DiffOptions.DEFAULT).diff(a, b));
        assertTrue(e.getMessage().contains("header checksum mismatch at offset 1024"), e.getMessage());
        Files.write(a, RawTar.concat(RawTar.file("etc/a", "1"), new RawTar.Header("etc/b", '0').size256(-512).bytes(),
                RawTar.end()));
        e = assertThrows(InvalidInputException.class, () -> new TreeDiff(DiffOptions.DEFAULT).diff(a, b));
        assertTrue(e.getMessage().contains("negative size"), e.getMessage());
        // A plain tar may hold a path twice: the diff reports it rather than refusing.
        Files.write(a, RawTar.concat(RawTar.file("etc/a", "1"), RawTar.file("etc/a", "a"), RawTar.end()));
        assertEquals(List.of("etc/a"), new TreeReader(Limits.defaults()).read(a).duplicates());
    }

    @Test
    void compressionBombsAreStoppedAtTheRatioEveryCommandUses() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
        }
        Path bomb = tmp.resolve("zeros.gz");
        Files.write(bomb, gz.toByteArray());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new TreeReader(Limits.defaults()).read(bomb));
        assertTrue(e.getMessage().contains("decompression ratio above " + Limits.defaults().maxRatio() + ":1"),
                e.getMessage());
    }

    @Test
    void flattenedFileSystemsPlaceFilesWhereARuntimeDoes() {
        // A writes data/x; B writes var/x after making var a symlink to data: the same file in the container.
        RawLayout a = new RawLayout(tmp.resolve("a"));
        Path pa = a.write(a.image(RawTar.concat(RawTar.dir("data"), RawTar.symlink("var", "data"),
                RawTar.file("data/x", "1"), RawTar.end())));
        RawLayout b = new RawLayout(tmp.resolve("b"));
        Path pb = b.write(b.image(RawTar.concat(RawTar.dir("data"), RawTar.symlink("var", "data"), RawTar.end()),
                RawTar.concat(RawTar.file("var/x", "2"), RawTar.end())));
        Drift d = diff(pa, pb);
        List<String> paths = d.findings().stream().map(Finding::path).toList();
        assertTrue(paths.contains("rootfs/data/x"), paths::toString);
        assertTrue(paths.stream().noneMatch(p -> p.startsWith("rootfs/var/")), paths::toString);
        assertEquals(List.of("rootfs/data/x"), d.contents().stream().map(ContentDiff::path).toList());
        assertTrue(d.contents().get(0).text().contains("-1") && d.contents().get(0).text().contains("+2"),
                d.contents().get(0).text());
    }
}
