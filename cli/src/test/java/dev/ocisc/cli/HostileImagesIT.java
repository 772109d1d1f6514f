package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.testing.RawLayout;
import dev.ocisc.testing.RawTar;
import dev.ocisc.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small images made to exhaust memory or time, or to be judged differently by different commands. Every command
 * that reads images ({@code sbom}, {@code layers}, {@code diff}) must refuse each one the same way: exit 3, one
 * line naming the file, in bounded time, in a 64 MB heap (a blow-up shows as an OutOfMemoryError).
 */
class HostileImagesIT {
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    /** Every image command refuses {@code image} with one line naming it and saying {@code problem}. */
    private static void refusedByEveryCommand(Path image, String problem) {
        refused(image, problem, "sbom", image.toString(), "-f", "csv");
        refused(image, problem, "layers", image.toString());
        refused(image, problem, "diff", image.toString(), image.toString());
    }

    private static Tools.Result refused(Path named, String problem, String... args) {
        Tools.Result r = Ocisc.runBounded(LIMIT, List.of("-Xmx64m"), args);
        String what = String.join(" ", args) + ": " + r.stderr();
        assertEquals(3, r.exitCode(), what);
        assertEquals(1, r.stderr().strip().lines().count(), what);
        assertTrue(r.stderr().startsWith("ocisc: " + named), what);
        assertTrue(r.stderr().contains(problem), what);
        return r;
    }

    private Path layout(String name, byte[]... tars) {
        RawLayout l = new RawLayout(tmp.resolve(name));
        return l.write(l.image(tars));
    }

    @Test
    void nestedIndexesListedOverAndOverAreCountedNotFollowedForever() {
        RawLayout l = new RawLayout(tmp.resolve("nested"));
        Path image = l.fanOut(l.image(RawTar.concat(RawTar.file("etc/a", "a"), RawTar.end())), 4, 100);
        refusedByEveryCommand(image, "descriptors");
    }

    @Test
    void aLayerListedThousandsOfTimes() {
        RawLayout l = new RawLayout(tmp.resolve("repeated"));
        byte[] tar = RawTar.concat(RawTar.file("etc/a", "a"), RawTar.end());
        String layer = l.blob(RawLayout.LAYER, tar);
        Path image = l.write(l.image(Collections.nCopies(12_000, layer),
                Collections.nCopies(12_000, RawLayout.sha256(tar))));
        refusedByEveryCommand(image, "descriptors");
    }

    /**
     * 524 bytes: an old-GNU sparse header for an 8 GiB file whose one 12-byte chunk sits at its end, then the chunk.
     * A reader that makes up the hole hands on 8 GiB of zeros that no byte of the input paid for.
     */
    private static byte[] sparse(String name) {
        long real = 077777777777L;
        RawTar.Header h = new RawTar.Header(name, 'S').oldGnu().size(12);
        h.octal(386, 12, real - 12).octal(398, 12, 12).octal(483, 12, real);
        return RawTar.concat(h.bytes(), "twelve bytes".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void oldGnuSparseHeaderWithAnAbsurdRealSize() {
        byte[] tar = sparse("zeros");
        assertEquals(524, tar.length);
        refusedByEveryCommand(layout("sparse", tar), "sparse");
    }

    /** A layout of one gzip layer whose tar {@code tar} writes, streamed: the test holds only the compressed bytes. */
    private Path gzipLayout(String name, TarWriter tar) throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        MessageDigest md = sha256();
        try (OutputStream out = new DigestOutputStream(new FastGzip(gz), md)) {
            tar.write(out);
        }
        RawLayout l = new RawLayout(tmp.resolve(name));
        return l.write(l.image(List.of(l.blob(RawLayout.LAYER_GZIP, gz.toByteArray())),
                List.of("sha256:" + HexFormat.of().formatHex(md.digest()))));
    }

    private interface TarWriter {
        void write(OutputStream out) throws IOException;
    }

    @Test
    void gnuLongNameOfHundredsOfMegabytes() throws IOException {
        long nameBytes = 100L << 20;
        Path image = gzipLayout("longname", out -> {
            out.write(new RawTar.Header("././@LongLink", 'L').oldGnu().size(nameBytes).bytes());
            // Varied enough that deflate stays far under the 200:1 ratio cap: only the record size can stop it.
            byte[] chunk = new byte[1 << 16];
            java.util.Random rnd = new java.util.Random(1);
            for (long done = 0; done < nameBytes; done += chunk.length) {
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = (byte) (i % 64 == 0 ? 'a' + rnd.nextInt(26) : 'a');
                }
                out.write(chunk);
            }
            out.write(RawTar.padding(nameBytes));
            out.write(RawTar.concat(RawTar.file("x", "x"), RawTar.end()));
        });
        refusedByEveryCommand(image, "long name");
    }

    @Test
    void diffAndSbomStopTheSameBombAtTheSameRatio() throws IOException {
        long size = 256L << 20;
        Path bomb = gzipLayout("bomb", out -> {
            out.write(new RawTar.Header("zeros", '0').size(size).bytes());
            byte[] zeros = new byte[1 << 20];
            for (long done = 0; done < size; done += zeros.length) {
                out.write(zeros);
            }
            out.write(RawTar.end());
        });
        Path plain = layout("plain", RawTar.concat(RawTar.file("zeros", "0"), RawTar.end()));
        String sbom = refused(bomb, "compression bomb", "sbom", bomb.toString()).stderr();
        String diff = refused(bomb, "compression bomb", "diff", bomb.toString(), plain.toString()).stderr();
        String ratio = sbom.substring(sbom.indexOf("ratio above"), sbom.indexOf(":1") + 2);
        assertTrue(diff.contains(ratio), sbom + diff);
    }

    @Test
    void diffIdsThatLie() {
        RawLayout l = new RawLayout(tmp.resolve("lies"));
        byte[] tar = RawTar.concat(RawTar.file("etc/a", "a"), RawTar.end());
        Path image = l.write(l.image(List.of(l.blob(RawLayout.LAYER, tar)),
                List.of(RawLayout.sha256("another layer".getBytes(StandardCharsets.UTF_8)))));
        refusedByEveryCommand(image, "DiffID mismatch");
    }

    @Test
    void namesThatClimbOutOfTheRoot() {
        refusedByEveryCommand(layout("dotdot", RawTar.concat(RawTar.file("../../etc/evil", "x"), RawTar.end())),
                "escapes the root");
    }

    @Test
    void hardLinksOutOfTheRoot() {
        refusedByEveryCommand(layout("hardlink", RawTar.concat(RawTar.hardLink("etc/passwd", "../../../etc/passwd"),
                RawTar.end())), "escapes the root");
    }

    @Test
    void negativeSizes() {
        byte[] tar = RawTar.concat(new RawTar.Header("etc/a", '0').size256(-512).bytes(), RawTar.end());
        refusedByEveryCommand(layout("negative", tar), "negative size");
    }

    @Test
    void paxHeaderWithANegativeSize() {
        byte[] tar = RawTar.concat(RawTar.pax(Map.of("size", "-1")), RawTar.file("etc/a", "a"), RawTar.end());
        refusedByEveryCommand(layout("pax-negative", tar), "negative size");
    }

    @Test
    void headerWithABadChecksum() {
        byte[] tar = RawTar.concat(new RawTar.Header("etc/a", '0').size(0).badChecksum().bytes(), RawTar.end());
        refusedByEveryCommand(layout("checksum", tar), "checksum");
    }

    @Test
    void wholeCompressedArchiveWithASparseEntry() throws IOException {
        // Nix's .tar.gz form is read front to back: sparse entries in the archive itself must be refused too.
        // Eight of them are 64 GiB of made-up zeros from a file of a few hundred bytes.
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(RawTar.file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}"));
            for (int i = 0; i < 8; i++) {
                out.write(RawTar.concat(sparse("blobs/sha256/zeros" + i), RawTar.padding(12)));
            }
            out.write(RawTar.end());
        }
        Path archive = tmp.resolve("sparse.tar.gz");
        Files.write(archive, gz.toByteArray());
        refusedByEveryCommand(archive, "sparse");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** gzip at level 1: hundreds of megabytes compress in well under a second. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
