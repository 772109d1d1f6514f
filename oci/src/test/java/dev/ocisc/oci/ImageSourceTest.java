package dev.ocisc.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.testing.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image face diff reads through: documents as stored, layers read at will and verified as sbom verifies them. */
class ImageSourceTest {
    @TempDir
    Path tmp;

    /** Every layer read through a BlobStream and verified; returns the layers' DiffIDs. */
    private static List<Digest> readLayers(StoredImage image) throws IOException {
        List<Digest> diffIds = new java.util.ArrayList<>();
        for (Layer l : image.image().layers()) {
            try (InputStream in = image.open(l)) {
                BlobStream blob = new BlobStream(in).open(Limits.defaults(), l.label());
                blob.drain();
                image.verify(l, blob.digest(), blob.compression(), blob.contentDigest());
                assertEquals(image.blobDigest(l), blob.digest());
                diffIds.add(blob.contentDigest());
            }
        }
        return diffIds;
    }

    @Test
    void everyFormGivesTheSameImageAsTheReaderSbomUses() throws IOException {
        for (String name : List.of("oci/debian", "oci/debian.oci.tar", "oci/debian.docker.tar")) {
            Path p = TestData.path(name);
            Image scanned = ImageReader.read(p, ReadOptions.defaults(), FileListing::new).image();
            try (ImageSource source = ImageSource.open(p, Limits.defaults())) {
                StoredImage image = source.image(ReadOptions.defaults());
                assertEquals(scanned.form(), source.form(), name);
                assertEquals(scanned.manifestDigest(), image.image().manifestDigest(), name);
                assertEquals(scanned.config().diffIds(), readLayers(image), name);
                assertEquals(image.image().configDigest(), Digest.sha256Of(image.config()), name);
                if (source.form() == ImageForm.DOCKER_ARCHIVE) {
                    assertNull(image.manifest());
                    assertNull(image.index());
                    assertTrue(new String(image.dockerManifest(), java.nio.charset.StandardCharsets.UTF_8)
                            .contains("\"Layers\""));
                } else {
                    assertEquals(image.image().manifestDigest(), Digest.sha256Of(image.manifest()), name);
                    assertArrayEquals(Files.isDirectory(p) ? Files.readAllBytes(p.resolve("index.json"))
                            : source.index(), image.index(), name);
                }
            }
        }
    }

    /**
     * Nix's whole-compressed archive is decompressed once, when it is opened: the original can be replaced by
     * garbage afterwards and every document and layer still reads (twice), and closing leaves no temporary file.
     */
    @Test
    void aWholeCompressedArchiveIsDecompressedOnceAndItsCopyRemovedOnClose() throws IOException {
        for (String name : List.of("oci/nix-greeter.tar.gz", "oci/nix-greeter-db.tar.zst")) {
            Path copy = tmp.resolve(Path.of(name).getFileName().toString());
            Files.copy(TestData.path(name), copy);
            Set<Path> before = spools();
            ImageSource source = ImageSource.open(copy, Limits.defaults());
            try (source) {
                Files.write(copy, new byte[] {0x1f, (byte) 0x8b, 0});
                Set<Path> added = new java.util.HashSet<>(spools());
                added.removeAll(before);
                assertEquals(1, added.size(), name);
                assertEquals(ImageForm.DOCKER_ARCHIVE, source.form());
                assertEquals(name.endsWith(".gz") ? Compression.GZIP : Compression.ZSTD, source.archiveCompression());
                assertTrue(source.platforms(ReadOptions.defaults()).isEmpty());
                StoredImage image = source.image(ReadOptions.defaults());
                assertEquals("greeter:latest", image.image().name());
                assertEquals(6, image.image().layers().size());
                assertEquals(image.image().config().diffIds(), readLayers(image));
                assertEquals(image.image().config().diffIds(), readLayers(source.image(ReadOptions.defaults())));
            }
            assertEquals(before, spools(), name);
        }
    }

    @Test
    void aLayerBlobThatLiesAboutItsDigestIsRefused() throws IOException {
        Path copy = tmp.resolve("debian");
        TestData.copyTree(TestData.path("oci/debian"), copy);
        try (ImageSource source = ImageSource.open(copy, Limits.defaults())) {
            StoredImage image = source.image(ReadOptions.defaults());
            Layer l = image.image().layers().get(0);
            Path blob = copy.resolve("blobs/sha256/" + l.digest().hex());
            byte[] b = Files.readAllBytes(blob);
            b[b.length / 2] ^= 1;
            Files.write(blob, b);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> image.blobDigest(l));
            assertTrue(e.getMessage().startsWith(copy + ": layer 0") && e.getMessage().contains("digest mismatch"),
                    e.getMessage());
        }
    }

    @Test
    void aDirectoryThatIsNoLayoutIsRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ImageSource.open(tmp, Limits.defaults()));
        assertTrue(e.getMessage().contains("not an OCI image layout"), e.getMessage());
        assertFalse(e.getMessage().contains("ocisc-image-"), e.getMessage());
    }

    /** One judgement of a path opens an image both ways: what the reader refuses, the source refuses in its words. */
    @Test
    void readerAndSourceRefuseTheSamePathsAlike() throws IOException {
        Path notTar = Files.writeString(tmp.resolve("notes.txt"), "neither a layout nor a tar archive\n");
        Path noImage = tmp.resolve("plain.tar");
        try (var out = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
                Files.newOutputStream(noImage))) {
            var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("hello.txt");
            byte[] body = "hello\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            e.setSize(body.length);
            out.putArchiveEntry(e);
            out.write(body);
            out.closeArchiveEntry();
        }
        Path dir = Files.createDirectory(tmp.resolve("dir"));
        for (Path p : List.of(dir, tmp.resolve("absent"), notTar, noImage)) {
            String read = assertThrows(InvalidInputException.class,
                    () -> ImageReader.read(p, ReadOptions.defaults(), FileListing::new)).getMessage();
            String opened = assertThrows(InvalidInputException.class,
                    () -> ImageSource.open(p, Limits.defaults()).close()).getMessage();
            assertEquals(read, opened, p.toString());
            assertTrue(read.startsWith(p.toString()), read);
        }
    }

    private static Set<Path> spools() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("ocisc-image-"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }
}
