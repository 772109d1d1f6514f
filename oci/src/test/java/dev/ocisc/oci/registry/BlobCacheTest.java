package dev.ocisc.oci.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.Digest;
import dev.ocisc.oci.Image;
import dev.ocisc.oci.ImageLocation;
import dev.ocisc.oci.ImageReader;
import dev.ocisc.oci.ImageReference;
import dev.ocisc.oci.LayerSummarizer;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.oci.RegistryAccess;
import dev.ocisc.testing.LocalRegistry;
import dev.ocisc.testing.TcpProxy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blob cache: entries appear whole and verified, are checked when read, and the least used go first. */
class BlobCacheTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DEBIAN = Path.of("..", "testdata", "oci", "debian").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anEntryAppearsOnlyWhenItsBytesAreItsDigest() throws IOException {
        BlobCache cache = new BlobCache(tmp.resolve("blobs"), 1 << 20);
        byte[] good = bytes("a layer");
        Digest d = Digest.sha256Of(good);
        assertNull(cache.open(d, "x"));

        // Read only in part: not known to be whole, not kept.
        InputStream part = cache.store(d, good.length, new ByteArrayInputStream(good), "x");
        part.read(new byte[3]);
        part.close();
        assertNull(cache.open(d, "x"));

        // Other bytes than the digest: passed on (the reader reports them), never kept.
        byte[] lie = bytes("a liar!");
        assertArrayEquals(lie, readAll(cache.store(d, lie.length, new ByteArrayInputStream(lie), "x")));
        assertNull(cache.open(d, "x"));

        assertArrayEquals(good, readAll(cache.store(d, good.length, new ByteArrayInputStream(good), "x")));
        assertArrayEquals(good, readAll(cache.open(d, "x")));
        try (Stream<Path> files = Files.walk(tmp.resolve("blobs"))) {
            assertEquals(List.of(tmp.resolve("blobs/sha256/" + d.hex())),
                    files.filter(Files::isRegularFile).toList(), "no temporary file left");
        }

        // An entry changed behind the cache's back is refused when read, and deleted.
        Files.write(tmp.resolve("blobs/sha256/" + d.hex()), bytes("changed"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> readAll(cache.open(d, "img: blob")));
        assertTrue(e.getMessage().startsWith("img: blob: the cached copy ") && e.getMessage().contains("is not " + d),
                e.getMessage());
        assertFalse(Files.exists(tmp.resolve("blobs/sha256/" + d.hex())));
    }

    @Test
    void theLeastRecentlyUsedGoFirst() throws IOException {
        BlobCache cache = new BlobCache(tmp.resolve("blobs"), 25);
        byte[] a = bytes("aaaaaaaaaa");
        byte[] b = bytes("bbbbbbbbbb");
        byte[] c = bytes("cccccccccc");
        long t = System.currentTimeMillis() - 100_000;
        readAll(cache.store(Digest.sha256Of(a), 10, new ByteArrayInputStream(a), "a"));
        Files.setLastModifiedTime(tmp.resolve("blobs/sha256/" + Digest.sha256Of(a).hex()), FileTime.fromMillis(t));
        readAll(cache.store(Digest.sha256Of(b), 10, new ByteArrayInputStream(b), "b"));
        Files.setLastModifiedTime(tmp.resolve("blobs/sha256/" + Digest.sha256Of(b).hex()),
                FileTime.fromMillis(t + 1000));
        readAll(cache.open(Digest.sha256Of(a), "a")); // a used again: b is now the least recent
        readAll(cache.store(Digest.sha256Of(c), 10, new ByteArrayInputStream(c), "c"));
        assertTrue(Files.exists(tmp.resolve("blobs/sha256/" + Digest.sha256Of(a).hex())));
        assertFalse(Files.exists(tmp.resolve("blobs/sha256/" + Digest.sha256Of(b).hex())));
        assertTrue(Files.exists(tmp.resolve("blobs/sha256/" + Digest.sha256Of(c).hex())));
        // A blob over the cap is passed through and not kept.
        byte[] big = bytes("x".repeat(30));
        assertArrayEquals(big, readAll(cache.store(Digest.sha256Of(big), 30, new ByteArrayInputStream(big), "big")));
        assertNull(cache.open(Digest.sha256Of(big), "big"));
    }

    @Test
    void whereTheEnvironmentPutsIt() {
        assertEquals(Path.of("/x/ocisc/blobs"), BlobCache.of(Map.of("XDG_CACHE_HOME", "/x", "HOME", "/h"))
                .orElseThrow().directory());
        assertEquals(Path.of("/h/.cache/ocisc/blobs"), BlobCache.of(Map.of("HOME", "/h")).orElseThrow().directory());
        assertTrue(BlobCache.of(Map.of("HOME", "/h", "OCISC_NO_CACHE", "1")).isEmpty());
        assertEquals(3L << 30, BlobCache.parseSize("3G"));
        assertEquals(512L << 20, BlobCache.parseSize("512MiB"));
        assertThrows(InvalidInputException.class, () -> BlobCache.parseSize("lots"));
    }

    /**
     * Fifty images sharing their layers (the debian fixture's, each with its own config), pushed to a real registry
     * and read through a proxy that counts blob GETs: each shared layer is downloaded once.
     */
    @Test
    void fiftyImagesSharingABaseDownloadEachLayerOnce() throws IOException {
        int n = 50;
        Path layout = tmp.resolve("fifty");
        Files.createDirectories(layout.resolve("blobs/sha256"));
        try (Stream<Path> blobs = Files.list(DEBIAN.resolve("blobs/sha256"))) {
            for (Path b : blobs.toList()) {
                Files.copy(b, layout.resolve("blobs/sha256").resolve(b.getFileName()));
            }
        }
        Files.copy(DEBIAN.resolve("oci-layout"), layout.resolve("oci-layout"));
        ObjectNode top = (ObjectNode) JSON.readTree(DEBIAN.resolve("index.json").toFile()).path("manifests").get(0);
        Digest manifestDigest = Digest.parse(top.path("digest").asText());
        ObjectNode manifest = (ObjectNode) JSON.readTree(layout.resolve("blobs/sha256/" + manifestDigest.hex())
                .toFile());
        ObjectNode config = (ObjectNode) JSON.readTree(layout.resolve("blobs/sha256/"
                + Digest.parse(manifest.path("config").path("digest").asText()).hex()).toFile());
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
        ArrayNode entries = index.putArray("manifests");
        for (int i = 0; i < n; i++) {
            ObjectNode c = config.deepCopy();
            c.with("config").with("Labels").put("image", Integer.toString(i));
            byte[] cb = JSON.writeValueAsBytes(c);
            Digest cd = Digest.sha256Of(cb);
            Files.write(layout.resolve("blobs/sha256/" + cd.hex()), cb);
            ObjectNode m = manifest.deepCopy();
            m.with("config").put("digest", cd.toString()).put("size", cb.length);
            byte[] mb = JSON.writeValueAsBytes(m);
            Digest md = Digest.sha256Of(mb);
            Files.write(layout.resolve("blobs/sha256/" + md.hex()), mb);
            entries.addObject().put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                    .put("digest", md.toString()).put("size", mb.length).putObject("annotations")
                    .put("org.opencontainers.image.ref.name", "image" + i);
        }
        Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(index));
        int layers = manifest.path("layers").size();

        try (LocalRegistry registry = LocalRegistry.plain(tmp.resolve("registry"));
                TcpProxy proxy = new TcpProxy(registry.port())) {
            for (int i = 0; i < n; i++) {
                registry.push("oci:" + layout + ":image" + i, "app" + i + ":1");
            }
            ReadOptions opts = ReadOptions.defaults().withRegistry(new RegistryAccess(Set.of(), List.of(),
                    Map.of("XDG_CACHE_HOME", tmp.resolve("cache").toString())));
            Set<Digest> configs = new HashSet<>();
            for (int i = 0; i < n; i++) {
                Image image = ImageReader.read(ImageReference.parse(proxy.host() + "/app" + i + ":1").orElseThrow(),
                        opts, LayerSummarizer::new).image();
                configs.add(image.configDigest());
            }
            assertEquals(n, configs.size());
            assertEquals(n + layers, proxy.blobGets(), proxy.requests().toString());
            try (Stream<Path> files = Files.walk(tmp.resolve("cache/ocisc/blobs"))) {
                assertEquals(n + layers, files.filter(Files::isRegularFile).count());
            }

            // Without the cache every image downloads its layers again.
            long before = proxy.blobGets();
            ReadOptions uncached = ReadOptions.defaults().withRegistry(new RegistryAccess(Set.of(), List.of(),
                    Map.of("XDG_CACHE_HOME", tmp.resolve("cache").toString(), "OCISC_NO_CACHE", "1")));
            ImageReader.read(ImageReference.parse(proxy.host() + "/app0:1").orElseThrow(), uncached,
                    LayerSummarizer::new);
            assertEquals(1 + layers, proxy.blobGets() - before);
        }
    }
}
