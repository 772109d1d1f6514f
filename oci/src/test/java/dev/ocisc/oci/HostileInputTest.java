package dev.ocisc.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.TestLayouts.LayerSpec;
import dev.ocisc.testing.RawLayout;
import dev.ocisc.testing.RawTar;
import dev.ocisc.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images made to hurt: each must fail with one line naming the file or blob, never read past a limit. */
class HostileInputTest {
    @TempDir
    Path tmp;

    private InvalidInputException fails(Path image) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ImageReader.read(image, ReadOptions.defaults(), FileListing::new));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().contains(image.toString()), "names the image: " + e.getMessage());
        return e;
    }

    @Test
    void digestMismatchNamesTheBlob() throws IOException {
        byte[] layer = TestLayouts.tar("f etc/a hello");
        Path dir = TestLayouts.write(tmp.resolve("img"), List.of(LayerSpec.tar(layer)));
        Digest d = Digest.sha256Of(layer);
        byte[] evil = TestLayouts.tar("f etc/a HELLO"); // same size, other bytes
        Files.write(dir.resolve("blobs/sha256/" + d.hex()), evil);
        InvalidInputException e = fails(dir);
        assertTrue(e.getMessage().contains("digest mismatch") && e.getMessage().contains(d.toString()), e.getMessage());
    }

    @Test
    void diffIdMismatch() {
        byte[] layer = TestLayouts.tar("f etc/a hello");
        Path dir = TestLayouts.write(tmp.resolve("img"), List.of(new LayerSpec(layer, MediaType.OCI_LAYER,
                Digest.sha256Of(new byte[1]))));
        assertTrue(fails(dir).getMessage().contains("DiffID mismatch"));
    }

    @Test
    void truncatedBlobOfAUmociImage() throws IOException {
        Path dir = TestLayouts.copy(TestData.path("oci/debian"), tmp.resolve("debian"));
        ScannedImage<LayerListing> ok = ImageReader.read(dir, ReadOptions.defaults(), FileListing::new);
        Layer l = ok.image().layers().get(0);
        try (FileChannel ch = FileChannel.open(dir.resolve(l.location()), StandardOpenOption.WRITE)) {
            ch.truncate(l.size() / 2);
        }
        InvalidInputException e = fails(dir);
        assertTrue(e.getMessage().contains("truncated blob") && e.getMessage().contains(l.digest().toString()),
                e.getMessage());
    }

    @Test
    void truncatedWholeArchive() throws IOException {
        byte[] all = Files.readAllBytes(TestData.path("oci/nix-greeter.tar.gz"));
        Path p = tmp.resolve("cut.tar.gz");
        Files.write(p, java.util.Arrays.copyOf(all, all.length - 100));
        fails(p);
    }

    @Test
    void dotDotEntryEscapes() {
        Path dir = TestLayouts.write(tmp.resolve("img"), List.of(LayerSpec.tar(TestLayouts.tar("f ../../etc/evil x"))));
        assertTrue(fails(dir).getMessage().contains("escapes the root"));
    }

    @Test
    void hardLinkOutOfTheRootEscapes() {
        Path dir = TestLayouts.write(tmp.resolve("img"),
                List.of(LayerSpec.tar(TestLayouts.tar("h etc/passwd /../../../etc/passwd"))));
        assertTrue(fails(dir).getMessage().contains("escapes the root"));
    }

    @Test
    void hardLinkToSomethingNotInTheLayer() {
        Path dir = TestLayouts.write(tmp.resolve("img"),
                List.of(LayerSpec.tar(TestLayouts.tar("h etc/shadow /etc/shadow"))));
        assertTrue(fails(dir).getMessage().contains("does not name an earlier file"));
    }

    @Test
    void symlinksResolveInsideTheImageAndLoopsAreErrors() {
        Path dir = TestLayouts.write(tmp.resolve("img"), List.of(LayerSpec.tar(TestLayouts.tar(
                "s escape ../../../../../../etc", "s abs /etc", "s loop1 loop2", "s loop2 /loop1",
                "f etc/hosts inside"))));
        ScannedImage<LayerListing> s = ImageReader.read(dir, ReadOptions.defaults(), FileListing::new);
        Filesystem fs = Filesystem.flatten(List.of(s.layers().get(0).result()), dir.toString());
        assertEquals("etc/passwd", fs.resolve("escape/passwd"));
        assertEquals("etc/hosts", fs.resolve("abs/hosts"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> fs.resolve("loop1/x"));
        assertTrue(e.getMessage().contains("symlink loop"), e.getMessage());
    }

    @Test
    void duplicateEntries() {
        Path dir = TestLayouts.write(tmp.resolve("img"),
                List.of(LayerSpec.tar(TestLayouts.tar("f etc/a one", "f ./etc/a two"))));
        assertTrue(fails(dir).getMessage().contains("duplicate tar entry 'etc/a'"));
    }

    @Test
    void gzipBombIsStoppedByTheRatioCap() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(new GZIPOutputStream(gz))) {
            TarArchiveEntry e = new TarArchiveEntry("zeros");
            long size = 256L << 20;
            e.setSize(size);
            t.putArchiveEntry(e);
            byte[] zeros = new byte[1 << 20];
            for (long i = 0; i < size; i += zeros.length) {
                t.write(zeros);
            }
            t.closeArchiveEntry();
        }
        byte[] blob = gz.toByteArray();
        Path dir = TestLayouts.write(tmp.resolve("img"), List.of(new LayerSpec(blob, MediaType.OCI_LAYER_GZIP,
                Digest.sha256Of(new byte[0]))));
        InvalidInputException e = fails(dir);
        assertTrue(e.getMessage().contains("compression bomb"), e.getMessage());
    }

    @Test
    void totalDecompressedSizeIsCapped() {
        byte[] layer = TestLayouts.tar("f a " + "x".repeat(5000));
        Path dir = TestLayouts.write(tmp.resolve("img"), List.of(LayerSpec.tar(layer)));
        Limits small = new Limits(1 << 20, 1 << 20, 200, 1 << 20, 100, 1 << 20, 1 << 20, 100);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(new byte[2 << 20]);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path bomb = TestLayouts.write(tmp.resolve("img2"), List.of(new LayerSpec(gz.toByteArray(),
                MediaType.OCI_LAYER_GZIP, Digest.sha256Of(new byte[0]))));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ImageReader.read(bomb, ReadOptions.defaults().withLimits(small), FileListing::new));
        assertTrue(e.getMessage().contains("more than 1048576 bytes"), e.getMessage());
        ImageReader.read(dir, ReadOptions.defaults().withLimits(small), FileListing::new); // under the cap: fine
    }

    @Test
    void hugeJsonIsRefusedBeforeParsing() throws IOException {
        Path dir = TestLayouts.write(tmp.resolve("img"), List.of(LayerSpec.tar(TestLayouts.tar("f a b"))));
        String pad = " ".repeat(9 << 20);
        Files.writeString(dir.resolve("index.json"), "{\"manifests\":[]" + pad + "}");
        InvalidInputException e = fails(dir);
        assertTrue(e.getMessage().contains("index.json") && e.getMessage().contains("limit"), e.getMessage());
    }

    @Test
    void unknownLayerMediaType() {
        Path dir = TestLayouts.write(tmp.resolve("img"), List.of(new LayerSpec(TestLayouts.tar("f a b"),
                "application/vnd.example.mystery", Digest.sha256Of(TestLayouts.tar("f a b")))));
        assertTrue(fails(dir).getMessage().contains("unknown media type 'application/vnd.example.mystery'"));
    }

    @Test
    void mediaTypeThatLiesAboutCompression() {
        byte[] tar = TestLayouts.tar("f a b");
        Path dir = TestLayouts.write(tmp.resolve("img"), List.of(new LayerSpec(tar, MediaType.OCI_LAYER_GZIP,
                Digest.sha256Of(tar))));
        assertTrue(fails(dir).getMessage().contains("media type says gzip but the blob is none"));
    }

    @Test
    void layoutWhoseBlobsDirectoryLinksOutside() throws IOException {
        Path dir = TestLayouts.write(tmp.resolve("img"), List.of(LayerSpec.tar(TestLayouts.tar("f a b"))));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.move(dir.resolve("blobs/sha256"), outside.resolve("sha256"));
        Files.createSymbolicLink(dir.resolve("blobs/sha256"), outside.resolve("sha256"));
        assertTrue(fails(dir).getMessage().contains("leads out of the layout directory"));
    }

    /** The spec makes annotations a string map and size an integer: other JSON types are refused, not coerced. */
    @Test
    void descriptorFieldsOfTheWrongJsonTypeAreRefused() {
        String[][] cases = {
            {",\"annotations\":{\"org.opencontainers.image.ref.name\":7}}", "annotations"},
            {",\"annotations\":[\"latest\"]}", "annotations"},
            {",\"platform\":{\"os\":\"linux\",\"architecture\":64}}", "architecture"},
            {",\"platform\":\"linux/amd64\"}", "platform"},
        };
        for (String[] c : cases) {
            RawLayout l = new RawLayout(tmp.resolve("wrong-" + c[1] + c[0].length()));
            String m = l.image(RawTar.concat(RawTar.file("a", "a"), RawTar.end()));
            Path dir = l.write(m.substring(0, m.length() - 1) + c[0]);
            InvalidInputException e = fails(dir);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
        RawLayout l = new RawLayout(tmp.resolve("fractional-size"));
        String m = l.image(RawTar.concat(RawTar.file("a", "a"), RawTar.end()));
        String size = m.replaceAll(".*\"size\":(\\d+).*", "$1");
        Path dir = l.write(m.replace("\"size\":" + size, "\"size\":" + size + ".5"));
        assertTrue(fails(dir).getMessage().contains("size"));
    }

    @Test
    void nestedIndexesCountEveryListingAndAreReadOnce() {
        RawLayout l = new RawLayout(tmp.resolve("nested"));
        Path dir = l.fanOut(l.image(RawTar.concat(RawTar.file("a", "a"), RawTar.end())), 4, 100);
        long start = System.nanoTime();
        InvalidInputException e = fails(dir);
        assertTrue(e.getMessage().contains("lists more than 10000 descriptors"), e.getMessage());
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "refused before walking 10^10 listings");
        // Listed a few times, the same nested index is fine: each listing yields its manifest.
        RawLayout few = new RawLayout(tmp.resolve("few"));
        String image = few.image(RawTar.concat(RawTar.file("a", "a"), RawTar.end()));
        String index = few.index(List.of(image));
        Path fewDir = few.write(List.of(index, index, few.index(List.of(index))));
        List<Descriptor> found = dev.ocisc.oci.layout.OciLayout.manifests(
                new dev.ocisc.oci.layout.LayoutDirectory(fewDir), ReadOptions.defaults());
        assertEquals(3, found.size());
        assertEquals(1, found.stream().map(Descriptor::digest).distinct().count());
    }

    @Test
    void aLayerListedOverAndOverIsReadOnceAndCountedEachTime() {
        RawLayout l = new RawLayout(tmp.resolve("repeated"));
        byte[] tar = RawTar.concat(RawTar.file("a", "a"), RawTar.file("b", "b"), RawTar.end());
        String layer = l.blob(RawLayout.LAYER, tar);
        Path dir = l.write(l.image(Collections.nCopies(2_000, layer),
                Collections.nCopies(2_000, RawLayout.sha256(tar))));
        AtomicInteger reads = new AtomicInteger();
        ScannedImage<LayerListing> s = ImageReader.read(dir, ReadOptions.defaults(), () -> {
            reads.incrementAndGet();
            return new FileListing();
        });
        assertEquals(2_000, s.layers().size());
        assertEquals(1, reads.get());
        // Two entries, 2,000 times: over a cap of 3,999 entries for the image.
        Limits d = Limits.defaults();
        Limits small = new Limits(d.maxJsonBytes(), d.maxUncompressedBytes(), d.maxRatio(), d.ratioGraceBytes(),
                3_999, d.maxCapturedFileBytes(), d.maxHeaderBytes(), d.maxDescriptors());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ImageReader.read(dir, ReadOptions.defaults().withLimits(small), FileListing::new));
        assertTrue(e.getMessage().contains("layers hold more than 3999 tar entries together"), e.getMessage());
        Path many = l.write(l.image(Collections.nCopies(10_001, layer),
                Collections.nCopies(10_001, RawLayout.sha256(tar))));
        assertTrue(fails(many).getMessage().contains("lists more than 10000 descriptors"));
    }

    @Test
    void aWholeCompressedArchiveWithASparseEntryIsRefusedAtItsHeader() throws IOException {
        RawTar.Header h = new RawTar.Header("blobs/sha256/zeros", 'S').oldGnu().size(12);
        h.octal(386, 12, 077777777763L).octal(398, 12, 12).octal(483, 12, 077777777777L);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(RawTar.concat(RawTar.file("oci-layout", "{}"), h.bytes(), new byte[512], RawTar.end()));
        }
        Path p = tmp.resolve("sparse.tar.gz");
        Files.write(p, gz.toByteArray());
        assertTrue(fails(p).getMessage().contains("sparse entry 'blobs/sha256/zeros'"));
    }

    @Test
    void anArchiveWithALongNameAboveTheCapIsRefused() throws IOException {
        // An uncompressed archive is read in place: its own headers go through the same reader and caps.
        Path p = tmp.resolve("long.tar");
        Files.write(p, RawTar.concat(new RawTar.Header("././@LongLink", 'L').oldGnu().size(2 << 20).bytes(),
                new byte[2 << 20], RawTar.file("x", "x"), RawTar.end()));
        assertTrue(fails(p).getMessage().contains("GNU long name of 2097152 bytes"));
    }

    @Test
    void notAnImage() throws IOException {
        Path p = tmp.resolve("x.tar.gz");
        Files.writeString(p, "hello");
        fails(p);
        Path d = Files.createDirectories(tmp.resolve("emptydir"));
        fails(d);
    }
}
