package dev.ocisc.oci.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ocisc.oci.Attachment;
import dev.ocisc.oci.Descriptor;
import dev.ocisc.oci.Digest;
import dev.ocisc.oci.ImageReference;
import dev.ocisc.oci.Limits;
import dev.ocisc.oci.MediaType;
import dev.ocisc.oci.Referrer;
import dev.ocisc.oci.Referrers;
import dev.ocisc.oci.RegistryAccess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The referrers API side of {@link RegistryReferrers}. No registry packaged for Debian 12 has the API
 * (docker-registry is distribution 2.8; zot and distribution 3 are not packaged), so this is a registry written
 * here from the distribution spec's words: it indexes a manifest's {@code subject} on PUT and says so with
 * {@code OCI-Subject}, and answers {@code GET /v2/NAME/referrers/DIGEST} with an index, in pages. The tag schema
 * path is exercised against the real registry (RegistryAttachTest in cli).
 */
class RegistryReferrersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Manifests by tag and digest, blobs by digest, referrer descriptors by subject; what was PUT, in order. */
    static final class SpecRegistry implements AutoCloseable {
        final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
        final Map<String, String> types = new ConcurrentHashMap<>();
        final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
        final Map<String, List<ObjectNode>> referrers = new ConcurrentHashMap<>();
        final List<String> puts = new ArrayList<>();
        final HttpServer server;
        final int pageSize;

        SpecRegistry(int pageSize) throws IOException {
            this.pageSize = pageSize;
            server = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/v2/", this::handle);
            server.start();
        }

        String host() {
            return "localhost:" + server.getAddress().getPort();
        }

        private void handle(HttpExchange x) throws IOException {
            String path = x.getRequestURI().getPath();
            String method = x.getRequestMethod();
            byte[] body = x.getRequestBody().readAllBytes();
            String[] p = path.split("/");
            // /v2/repo/KIND/REF
            String kind = p.length >= 5 ? p[3] : "";
            String ref = p.length >= 5 ? p[4] : "";
            if (kind.equals("blobs") && ref.equals("uploads") && method.equals("POST")) {
                x.getResponseHeaders().add("Location", "/v2/repo/blobs/uploads/u" + blobs.size());
                x.sendResponseHeaders(202, -1);
            } else if (kind.equals("blobs") && ref.equals("uploads") && method.equals("PUT")) {
                String digest = x.getRequestURI().getQuery().replaceFirst("^digest=", "");
                if (!Digest.sha256Of(body).toString().equals(digest)) {
                    x.sendResponseHeaders(400, -1);
                } else {
                    blobs.put(digest, body);
                    x.sendResponseHeaders(201, -1);
                }
            } else if (kind.equals("blobs")) {
                send(x, blobs.get(ref), "application/octet-stream");
            } else if (kind.equals("manifests") && method.equals("PUT")) {
                String digest = Digest.sha256Of(body).toString();
                puts.add(ref);
                manifests.put(ref, body);
                manifests.put(digest, body);
                types.put(digest, x.getRequestHeaders().getFirst("Content-Type"));
                JsonNode m = JSON.readTree(body);
                if (m.has("subject")) {
                    String subject = m.path("subject").path("digest").asText();
                    ObjectNode d = JSON.createObjectNode().put("mediaType", m.path("mediaType").asText())
                            .put("digest", digest).put("size", body.length)
                            .put("artifactType", m.path("artifactType").asText());
                    List<ObjectNode> list = referrers.computeIfAbsent(subject, s -> new ArrayList<>());
                    if (list.stream().noneMatch(e -> e.path("digest").asText().equals(digest))) {
                        list.add(d);
                    }
                    x.getResponseHeaders().add("OCI-Subject", subject);
                }
                x.getResponseHeaders().add("Docker-Content-Digest", digest);
                x.sendResponseHeaders(201, -1);
            } else if (kind.equals("manifests")) {
                byte[] m = manifests.get(ref);
                send(x, m, m == null ? null : types.getOrDefault(Digest.sha256Of(m).toString(), MediaType.OCI_INDEX));
            } else if (kind.equals("referrers")) {
                List<ObjectNode> all = referrers.getOrDefault(ref, List.of());
                int from = x.getRequestURI().getQuery() == null ? 0
                        : Integer.parseInt(x.getRequestURI().getQuery().replaceFirst("^from=", ""));
                ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType",
                        MediaType.OCI_INDEX);
                ArrayNode ms = index.putArray("manifests");
                all.subList(from, Math.min(all.size(), from + pageSize)).forEach(ms::add);
                if (from + pageSize < all.size()) {
                    x.getResponseHeaders().add("Link", "</v2/repo/referrers/" + ref + "?from=" + (from + pageSize)
                            + ">; rel=\"next\"");
                }
                send(x, index.toString().getBytes(StandardCharsets.UTF_8), MediaType.OCI_INDEX);
            } else {
                x.sendResponseHeaders(404, -1);
            }
            x.close();
        }

        private static void send(HttpExchange x, byte[] body, String type) throws IOException {
            if (body == null) {
                x.sendResponseHeaders(404, -1);
                return;
            }
            x.getResponseHeaders().add("Content-Type", type);
            boolean head = x.getRequestMethod().equals("HEAD");
            if (head) {
                x.getResponseHeaders().add("Content-Length", Long.toString(body.length));
            }
            x.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                x.getResponseBody().write(body);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static Attachment attachment(String type, String text) {
        return new Attachment(type, text.getBytes(StandardCharsets.UTF_8), new TreeMap<>());
    }

    @Test
    void aRegistryWithTheApiIndexesReferrersItself() throws IOException {
        try (SpecRegistry registry = new SpecRegistry(1)) {
            ImageReference image = ImageReference.parse(registry.host() + "/repo:1").orElseThrow();
            byte[] manifest = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
            Descriptor subject = Descriptor.of(MediaType.OCI_MANIFEST, Digest.sha256Of(manifest), manifest.length);
            RegistryReferrers referrers = new RegistryReferrers(image, new RegistryAccess(Set.of(), List.of(),
                    Map.of()), Limits.defaults());

            Referrers.Attached sbom = referrers.attach(subject, attachment(Attachment.CYCLONEDX_JSON,
                    "{\"bomFormat\":\"CycloneDX\"}"), null);
            assertEquals("referrers API", sbom.via());
            Referrers.Attached env = referrers.attach(subject, attachment(Attachment.DSSE, "{\"payload\":\"\"}"),
                    null);
            assertEquals("referrers API", env.via());
            referrers.attach(subject, attachment(Attachment.DSSE, "{\"payload\":\"\"}"), null);
            // Pushed by digest only: no tag schema index where the registry keeps the list.
            assertEquals(List.of(sbom.manifest().toString(), env.manifest().toString(), env.manifest().toString()),
                    registry.puts);
            assertFalse(registry.manifests.containsKey(RegistryReferrers.tagOf(subject.digest())));
            assertEquals(2, registry.referrers.get(subject.digest().toString()).size());

            // Found through the API, every page (one descriptor a page here), filtered by artifact type.
            Referrers.Found all = referrers.find(subject, t -> true);
            assertEquals(List.of("referrers API: 2 listed, 2 wanted", "cosign tag "
                    + RegistryReferrers.tagOf(subject.digest()) + ".att: none"), all.looked());
            Referrers.Found dsse = referrers.find(subject, Attachment::isAttestation);
            assertEquals(1, dsse.referrers().size());
            Referrer r = dsse.referrers().get(0);
            assertEquals("referrers API", r.foundBy());
            assertEquals(env.manifest(), r.manifest());
            assertArrayEquals("{\"payload\":\"\"}".getBytes(StandardCharsets.UTF_8), r.bytes());
            assertTrue(r.where().contains("(referrers API)"), r.where());
        }
    }

    /**
     * A blob above the chunk size goes up in PATCHes with their Content-Range, then the closing PUT, as the real
     * registry takes them (chunks of 7 bytes here); it reads back whole and by its digest.
     */
    @Test
    void chunkedUploadToTheRealRegistry(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        try (dev.ocisc.testing.LocalRegistry registry = dev.ocisc.testing.LocalRegistry.plain(tmp)) {
            ImageReference ref = ImageReference.parse(registry.host() + "/chunks:1").orElseThrow();
            RegistryAccess access = new RegistryAccess(Set.of(), List.of(), Map.of());
            RegistryClient client = new RegistryClient(ref, access);
            RegistryWriter writer = new RegistryWriter(ref, client, 7);
            byte[] blob = "a blob of forty bytes, sent in 7s......\n".getBytes(StandardCharsets.UTF_8);
            Digest d = Digest.sha256Of(blob);
            assertEquals(-1, client.size("blobs", d.toString()));
            writer.pushBlob(d, blob);
            assertEquals(blob.length, client.size("blobs", d.toString()));
            try (java.io.InputStream in = client.get("blobs", d.toString(), "*/*").body()) {
                assertArrayEquals(blob, in.readAllBytes());
            }
        }
    }

    /** The same input gives the same referrer manifest, byte for byte; a time only from the caller. */
    @Test
    void referrerManifestsAreDeterministic() throws IOException {
        byte[] doc = "{}".getBytes(StandardCharsets.UTF_8);
        Descriptor subject = Descriptor.of(MediaType.OCI_MANIFEST, Digest.sha256Of(doc), 2);
        Attachment a = new Attachment(Attachment.SPDX_JSON, doc, new TreeMap<>());
        byte[] one = RegistryReferrers.referrerManifest(subject, a, Digest.sha256Of(doc), doc.length);
        assertArrayEquals(one, RegistryReferrers.referrerManifest(subject, a, Digest.sha256Of(doc), doc.length));
        assertEquals("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"artifactType\":\"application/spdx+json\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.empty.v1+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4f"
                + "c21fe77e8310c060f61caaff8a\",\"size\":2,\"data\":\"e30=\"},\"layers\":[{\"mediaType\":"
                + "\"application/spdx+json\",\"digest\":\"" + Digest.sha256Of(doc) + "\",\"size\":2}],\"subject\":"
                + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + subject.digest()
                + "\",\"size\":2}}", new String(one, StandardCharsets.UTF_8));
        TreeMap<String, String> created = new TreeMap<>(Map.of(Attachment.CREATED, "2024-01-01T00:00:00Z"));
        String dated = new String(RegistryReferrers.referrerManifest(subject, new Attachment(Attachment.SPDX_JSON,
                doc, created), Digest.sha256Of(doc), doc.length), StandardCharsets.UTF_8);
        assertTrue(dated.endsWith(",\"annotations\":{\"org.opencontainers.image.created\":\"2024-01-01T00:00:00Z\"}}"),
                dated);
    }
}
