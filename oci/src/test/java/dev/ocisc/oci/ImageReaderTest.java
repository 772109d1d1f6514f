package dev.ocisc.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.testing.TestData;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Reads the fixtures made by umoci, skopeo and the dockerTools-format script in every form. */
class ImageReaderTest {
    static ScannedImage<LayerListing> read(Path p) {
        return ImageReader.read(p, ReadOptions.defaults(), FileListing::new);
    }

    static Filesystem flat(ScannedImage<LayerListing> s) {
        return Filesystem.flatten(s.layers().stream().map(LayerRead::result).toList(), s.image().source());
    }

    @Test
    void everyFormOfTheDebianImageGivesTheSameLayersAndFiles() {
        ScannedImage<LayerListing> layout = read(TestData.path("oci/debian"));
        ScannedImage<LayerListing> ociArchive = read(TestData.path("oci/debian.oci.tar"));
        ScannedImage<LayerListing> dockerArchive = read(TestData.path("oci/debian.docker.tar"));
        assertEquals(ImageForm.OCI_LAYOUT, layout.image().form());
        assertEquals(ImageForm.OCI_ARCHIVE, ociArchive.image().form());
        assertEquals(ImageForm.DOCKER_ARCHIVE, dockerArchive.image().form());
        assertEquals(2, layout.image().layers().size());
        for (ScannedImage<LayerListing> s : List.of(ociArchive, dockerArchive)) {
            assertEquals(layout.image().config().diffIds(), s.image().config().diffIds());
            assertEquals(layout.layers().stream().map(LayerRead::diffId).toList(),
                    s.layers().stream().map(LayerRead::diffId).toList());
            assertEquals(flat(layout).files().keySet(), flat(s).files().keySet());
        }
        assertEquals(Compression.GZIP, layout.layers().get(0).compression());
        assertEquals(Compression.NONE, dockerArchive.layers().get(0).compression());
        assertEquals(layout.image().manifestDigest(), ociArchive.image().manifestDigest());
    }

    @Test
    void dockerTwentyFiveCombinedArchiveIsReadThroughItsOciLayoutAndBothHalvesAgree() {
        Path p = TestData.path("oci/docker25.tar");
        ScannedImage<LayerListing> s = read(p);
        assertEquals(ImageForm.OCI_ARCHIVE, s.image().form());
        ScannedImage<LayerListing> layout = read(TestData.path("oci/debian"));
        assertEquals(layout.image().manifestDigest(), s.image().manifestDigest());
        try (dev.ocisc.oci.archive.TarArchiveStore store = new dev.ocisc.oci.archive.TarArchiveStore(p, Limits.defaults())) {
            Image docker = dev.ocisc.oci.archive.DockerManifest.resolve(store, ReadOptions.defaults(), Compression.NONE);
            assertEquals(s.image().config().diffIds(), docker.config().diffIds());
            assertEquals(s.image().configDigest(), docker.configDigest());
            assertEquals("debian:subset", docker.name());
        }
    }

    @Test
    void whiteoutsFromUmociDeleteLowerFilesAndEachFileKnowsItsLayer() {
        ScannedImage<LayerListing> s = read(TestData.path("oci/debian"));
        assertTrue(s.layers().get(1).result().whiteouts().contains("etc/obsolete.conf"),
                "umoci wrote a whiteout: " + s.layers().get(1).result().whiteouts());
        Filesystem fs = flat(s);
        assertFalse(fs.get("etc/obsolete.conf").isPresent());
        assertEquals(1, fs.get("etc/motd").orElseThrow().layer());
        FileEntry status = fs.get("var/lib/dpkg/status").orElseThrow();
        assertEquals(0, status.layer());
        assertEquals(EntryType.FILE, status.type());
        assertNotNull(status.sha256());
    }

    @Test
    void nixWholeArchiveGzipAndZstdAreReadInOnePass() {
        for (String name : List.of("oci/nix-greeter.tar.gz", "oci/nix-greeter-db.tar.zst")) {
            ScannedImage<LayerListing> s = read(TestData.path(name));
            assertEquals(ImageForm.DOCKER_ARCHIVE, s.image().form());
            assertEquals(name.endsWith(".gz") ? Compression.GZIP : Compression.ZSTD, s.image().archiveCompression());
            assertEquals("greeter:latest", s.image().name());
            assertEquals(6, s.image().layers().size());
            Set<String> storePaths = flat(s).files().keySet().stream()
                    .filter(p -> p.matches("nix/store/[^/]+"))
                    .map(p -> "/" + p).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(Set.copyOf(TestDataTruth.runtimeClosure()), storePaths);
        }
    }

    @Test
    void multiPlatformIndexPicksTheAskedPlatformAndListsTheOthers() {
        Path p = TestData.path("oci/multiarch");
        ScannedImage<LayerListing> arm = ImageReader.read(p,
                ReadOptions.defaults().withPlatform(Platform.parse("linux/arm64")), FileListing::new);
        assertEquals("arm64", arm.image().config().platform().architecture());
        assertEquals(2, arm.image().platforms().size());
        ScannedImage<LayerListing> amd = ImageReader.read(p,
                ReadOptions.defaults().withPlatform(Platform.parse("linux/amd64")), FileListing::new);
        assertEquals("amd64", amd.image().config().platform().architecture());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageReader.read(p,
                ReadOptions.defaults().withPlatform(Platform.parse("linux/riscv64")), FileListing::new));
        assertTrue(e.getMessage().contains("available: linux/amd64, linux/arm64"), e.getMessage());
    }

    @Test
    void zstdAndGzipLayersOfTheSameTarHaveOneDiffId(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        byte[] tar = TestLayouts.tar("d etc", "f etc/hello zstd works", "s etc/link hello");
        java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream();
        try (var out = new com.github.luben.zstd.ZstdOutputStreamNoFinalizer(z)) {
            out.write(tar);
        }
        java.io.ByteArrayOutputStream g = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(g)) {
            out.write(tar);
        }
        Digest diffId = Digest.sha256Of(tar);
        Path dir = TestLayouts.write(tmp.resolve("img"), List.of(
                new TestLayouts.LayerSpec(z.toByteArray(), MediaType.OCI_LAYER_ZSTD, diffId),
                new TestLayouts.LayerSpec(g.toByteArray(), MediaType.OCI_LAYER_GZIP, diffId)));
        ScannedImage<LayerListing> s = read(dir);
        assertEquals(Compression.ZSTD, s.layers().get(0).compression());
        assertEquals(Compression.GZIP, s.layers().get(1).compression());
        assertEquals(s.layers().get(0).diffId(), s.layers().get(1).diffId());
        assertEquals(Digest.sha256Of("zstd works".getBytes(java.nio.charset.StandardCharsets.UTF_8)).hex(),
                flat(s).get("etc/hello").orElseThrow().sha256());
        assertEquals("etc/hello", flat(s).resolve("etc/link"));
    }

    @Test
    void opaqueWhiteoutHidesLowerChildrenButNotItsOwnLayer(@org.junit.jupiter.api.io.TempDir Path tmp) {
        Path dir = TestLayouts.write(tmp.resolve("img"), List.of(
                TestLayouts.LayerSpec.tar(TestLayouts.tar("d a", "f a/old 1", "d a/sub", "f a/sub/deep 2", "f b 3")),
                TestLayouts.LayerSpec.tar(TestLayouts.tar("d a", "f a/.wh..wh..opq ", "f a/new 4", "f .wh.b "))));
        Filesystem fs = flat(read(dir));
        assertEquals(Set.of("a", "a/new"), fs.files().keySet());
        assertEquals(1, fs.get("a/new").orElseThrow().layer());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"oci-archive, oci/debian.oci.tar", "oci, oci/debian",
            "docker-archive, oci/debian.docker.tar", "docker-archive, oci/nix-greeter.tar"})
    void layerDigestsAgreeWithSkopeo(String transport, String fixture) throws Exception {
        dev.ocisc.testing.Tools.require("skopeo");
        Path p = TestData.path(fixture);
        String json = dev.ocisc.testing.Tools.check(null, "skopeo", "inspect", "-n", transport + ":" + p);
        List<String> skopeo = new java.util.ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("Layers")
                .forEach(n -> skopeo.add(n.asText()));
        ScannedImage<LayerListing> s = read(p);
        assertEquals(skopeo, s.layers().stream().map(l -> l.blobDigest().toString()).toList());
    }
}
