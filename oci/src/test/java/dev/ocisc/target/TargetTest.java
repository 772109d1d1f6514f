package dev.ocisc.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.Compression;
import dev.ocisc.oci.ImageForm;
import dev.ocisc.testing.NixTruth;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One classification of targets for every command: by store name first, then by content, never by file name. */
class TargetTest {
    static final String GREETING_TAR = "/nix/store/kxbh5m9siwc5z8drirh9hb5hh99mqppd-greeting-data-1.0.tar";

    @TempDir
    Path tmp;

    static Target of(String testdata) {
        return Target.of(TestData.path(testdata).toString(), null);
    }

    static void assertImage(Target t, ImageForm form, Compression compression) {
        Target.Image img = assertInstanceOf(Target.Image.class, t, t::toString);
        assertEquals(form, img.form(), t::toString);
        assertEquals(compression, img.compression(), t::toString);
    }

    /** A compressed file cut within its first block is said to be that, the same for every command. */
    @Test
    void aCompressedFileCutInItsFirstBlockIsSaidToBeTruncated(@TempDir Path dir) throws IOException {
        for (String fixture : new String[] {"oci/nix-greeter-db.tar.zst", "oci/nix-greeter.tar.gz"}) {
            byte[] whole = Files.readAllBytes(TestData.path(fixture));
            Path cut = dir.resolve("cut-" + TestData.path(fixture).getFileName());
            Files.write(cut, java.util.Arrays.copyOf(whole, 20));
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> Target.of(cut.toString(), null));
            assertTrue(e.getMessage().contains("truncated or corrupt") && e.getMessage().contains(cut.toString()),
                    e.getMessage());
        }
    }

    @Test
    void imagesInEveryFormByTheirFirstEntry() {
        assertImage(of("oci/debian"), ImageForm.OCI_LAYOUT, Compression.NONE);
        assertImage(of("oci/debian.oci.tar"), ImageForm.OCI_ARCHIVE, Compression.NONE);
        assertImage(of("oci/docker25.tar"), ImageForm.OCI_ARCHIVE, Compression.NONE);
        assertImage(of("oci/debian.docker.tar"), ImageForm.DOCKER_ARCHIVE, Compression.NONE);
        assertImage(of("oci/nix-greeter.tar"), ImageForm.DOCKER_ARCHIVE, Compression.NONE);
        assertImage(of("oci/nix-greeter.tar.gz"), ImageForm.DOCKER_ARCHIVE, Compression.GZIP);
        assertImage(of("oci/nix-greeter-db.tar.zst"), ImageForm.DOCKER_ARCHIVE, Compression.ZSTD);
        assertEquals("an OCI image (docker-archive, gzip)", of("oci/nix-greeter.tar.gz").describe());
    }

    @Test
    void everythingElseByContent() throws IOException {
        assertInstanceOf(Target.Json.class, of("nix/path-info.json"));
        assertInstanceOf(Target.Json.class, of("nix/derivation-show.json"));
        assertInstanceOf(Target.Directory.class, of("nix/store"));
        assertInstanceOf(Target.OtherFile.class, of("nix/truth/drv-path.txt"));
        assertInstanceOf(Target.Missing.class, Target.of(tmp.resolve("nope").toString(), null));
        Path named = Files.writeString(tmp.resolve("graph.tar"), "  [\n]");
        assertInstanceOf(Target.Json.class, Target.of(named.toString(), null), "the name does not matter");
        Tools.check(null, "mkfifo", tmp.resolve("fifo").toString());
        assertInstanceOf(Target.OtherFile.class, Target.of(tmp.resolve("fifo").toString(), null), "not read");
    }

    @Test
    void aTarIsAnImageOnlyWhenItsFirstEntryIsAnImagesPastTheRootEntry() throws IOException {
        Path plain = tar(tmp.resolve("plain.tar"), false, "./", "./etc/", "./etc/hosts");
        assertEquals(new Target.Tar(plain.toString(), plain, Compression.NONE), Target.of(plain.toString(), null));
        Path gz = tar(tmp.resolve("plain.tgz"), true, "etc/hosts");
        assertEquals("a gzip-compressed tar archive, not an OCI image", Target.of(gz.toString(), null).describe());
        Path layout = tar(tmp.resolve("layout.tar"), false, "./", "./oci-layout", "./index.json");
        assertImage(Target.of(layout.toString(), null), ImageForm.OCI_ARCHIVE, Compression.NONE);
        Path empty = tar(tmp.resolve("empty.tar"), false);
        assertInstanceOf(Target.Tar.class, Target.of(empty.toString(), null));
    }

    /** The store comes first: a tar in a store path is that store path, for every command alike. */
    @Test
    void aTarInAStorePathIsTheStorePath() {
        Path store = TestData.nixStore();
        Path file = store.resolve(GREETING_TAR.substring(1));
        Target plain = Target.of(file.toString(), null);
        assertInstanceOf(Target.Tar.class, plain, "outside --store it is only a tar");
        Target.Nix nix = assertInstanceOf(Target.Nix.class, Target.of(file.toString(), store));
        assertEquals(GREETING_TAR, nix.storePath());
        assertInstanceOf(Target.Tar.class, nix.bytes());
        assertTrue(nix.image().isEmpty());
        assertEquals("store path " + GREETING_TAR + " (a tar archive, not an OCI image)", nix.describe());
    }

    /** An image built by Nix is a store path first, and still the image that image commands read. */
    @Test
    void anImageInAStorePathIsAStorePathHoldingAnImage() throws IOException {
        Path root = tmp.resolve("root");
        String storePath = "/nix/store/0c7zpd4nd9jbcb6gzrx8mkhdwl7ri1kx-greeter-image.tar.gz";
        Path file = root.resolve(storePath.substring(1));
        Files.createDirectories(file.getParent());
        Files.copy(TestData.path("oci/nix-greeter.tar.gz"), file);
        Files.createDirectories(root.resolve("nix/var/nix/db"));
        Target.Nix nix = assertInstanceOf(Target.Nix.class, Target.of(file.toString(), root));
        assertEquals(storePath, nix.storePath());
        assertImage(nix.image().orElseThrow(), ImageForm.DOCKER_ARCHIVE, Compression.GZIP);
        assertEquals(file, nix.image().orElseThrow().path());
    }

    @Test
    void resultLinksAndStorePathsByName() {
        Path store = TestData.nixStore();
        Target.Nix result = assertInstanceOf(Target.Nix.class, Target.of(TestData.path("nix/result").toString(),
                store));
        assertTrue(result.link());
        assertInstanceOf(Target.Directory.class, result.bytes(), "read under the store root");
        // Without the root the link leads to /nix/store, which this machine need not have.
        Target.Nix absent = assertInstanceOf(Target.Nix.class, Target.of("/nix/store/"
                + "00000000000000000000000000000000-gone", null));
        assertEquals("store path /nix/store/00000000000000000000000000000000-gone (absent)", absent.describe());
        assertTrue(assertInstanceOf(Target.Nix.class, Target.of(NixTruth.drvPath(), store)).describe()
                .startsWith("derivation /nix/store/"));
    }

    @Test
    void aStoreRootWithoutAStoreIsRefusedWhateverTheTarget() {
        Path typo = tmp.resolve("typo");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Target.of(TestData.path("oci/debian").toString(), typo));
        assertEquals("no Nix store at " + typo + " (no such directory)", e.getMessage());
    }

    @Test
    void refusalsSayWhatTheTargetIsAndWhatTheCommandTakes() {
        Target image = of("oci/debian.oci.tar");
        assertEquals("graph: " + image.arg() + " is an OCI image (oci-archive); graph takes a .drv",
                image.refusal("graph", "a .drv").getMessage());
        assertEquals("nope: no such file or store path",
                Target.of("nope", null).refusal("graph", "a .drv").getMessage());
    }

    /** A tar with the given entries (names ending in / are directories), gzip-compressed or not. */
    static Path tar(Path file, boolean gzip, String... names) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream out = gzip ? new GZIPOutputStream(raw) : raw;
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (String n : names) {
                TarArchiveEntry e = new TarArchiveEntry(n);
                byte[] data = n.endsWith("/") ? new byte[0] : n.getBytes(StandardCharsets.UTF_8);
                e.setSize(data.length);
                tar.putArchiveEntry(e);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    @Test
    void registryReferencesAndSkopeosTransports(@TempDir Path dir) throws IOException {
        Target remote = Target.of("localhost:5000/debian:12", null);
        assertEquals(new dev.ocisc.oci.ImageReference("localhost:5000", "debian", "12", null),
                assertInstanceOf(Target.Registry.class, remote).reference());
        assertEquals(remote.imageLocation(), Target.of("docker://localhost:5000/debian:12", null).imageLocation());
        assertThrows(InvalidInputException.class, () -> Target.of("docker://debian:12", null));

        String layout = TestData.path("oci/debian").toString();
        assertEquals(ImageForm.OCI_LAYOUT, assertInstanceOf(Target.Image.class, Target.of("oci:" + layout, null))
                .form());
        // skopeo's oci:DIR:NAME: the image of the index named so (org.opencontainers.image.ref.name).
        Target named = Target.of("oci:" + layout + ":latest", null);
        // The location carries the classification, so that opening it judges the bytes no more.
        assertEquals(new dev.ocisc.oci.ImageLocation.Local(Path.of(layout), "latest", ImageForm.OCI_LAYOUT,
                Compression.NONE), named.imageLocation().orElseThrow());
        assertEquals("an OCI image (oci-layout) named latest", named.describe());
        assertThrows(InvalidInputException.class, () -> Target.of("oci:" + layout + ":", null));
        String archive = TestData.path("oci/debian.oci.tar").toString();
        assertEquals(ImageForm.OCI_ARCHIVE, assertInstanceOf(Target.Image.class,
                Target.of("oci-archive:" + archive, null)).form());
        // The transport names the form: an oci-archive is not a docker-archive.
        assertThrows(InvalidInputException.class, () -> Target.of("docker-archive:" + archive, null));

        // An existing path wins over a reference it looks like (as syft decides): a relative one, made here.
        String arg = "localhost:5000/ocisc-lookalike-" + ProcessHandle.current().pid();
        assertInstanceOf(Target.Registry.class, Target.of(arg, null));
        Path lookalike = Path.of(arg);
        Files.createDirectories(lookalike.getParent());
        try {
            Files.writeString(lookalike, "{}");
            assertInstanceOf(Target.Json.class, Target.of(arg, null));
        } finally {
            Files.deleteIfExists(lookalike);
            Files.deleteIfExists(lookalike.getParent());
        }
        // A missing relative path without a host component stays a missing file.
        assertInstanceOf(Target.Missing.class, Target.of("no-such-dir/image.tar", null));
    }
}
