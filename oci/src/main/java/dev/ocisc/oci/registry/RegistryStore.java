package dev.ocisc.oci.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.json.StrictJson;
import dev.ocisc.oci.BlobStore;
import dev.ocisc.oci.Descriptor;
import dev.ocisc.oci.Digest;
import dev.ocisc.oci.ImageReference;
import dev.ocisc.oci.Index;
import dev.ocisc.oci.Limits;
import dev.ocisc.oci.MediaType;
import dev.ocisc.oci.RegistryAccess;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One image of a registry seen as an OCI layout, so that the one layout reader resolves it: {@code index.json} is
 * made here and names the manifest (or index) the reference points at, {@code blobs/ALG/HEX} are fetched from the
 * registry, from its manifests endpoint when an index named them as manifests, else from its blobs endpoint.
 * Manifests are read whole, capped, and their digest checked here (by the digest asked for, or against the
 * registry's {@code Docker-Content-Digest}); blobs are streamed, and the layout reader and the layer pipeline check
 * their size and digest as they read them, as for an image on disk.
 */
public final class RegistryStore implements BlobStore {
    private static final String ACCEPT = String.join(", ", MediaType.OCI_INDEX, MediaType.OCI_MANIFEST,
            MediaType.DOCKER_LIST, MediaType.DOCKER_MANIFEST);
    private static final String REF_NAME = "org.opencontainers.image.ref.name";

    private final ImageReference ref;
    private final RegistryClient client;
    private final Limits limits;
    /** Documents read whole (index.json, manifests, indexes), by name. */
    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
    /** Digests an index named as manifests or indexes: fetched from the manifests endpoint. */
    private final Set<Digest> manifestDigests = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> blobSizes = new ConcurrentHashMap<>();
    /** Blobs fetched before, by digest; null when the cache is off. */
    private final BlobCache cache;
    private final Digest topDigest;

    /** Fetches the manifest or index {@code ref} names; errors name {@code ref}. */
    public RegistryStore(ImageReference ref, RegistryAccess access, Limits limits) {
        this.ref = ref;
        this.client = new RegistryClient(ref, access);
        this.limits = limits;
        this.cache = BlobCache.of(access.environment()).orElse(null);
        Fetched top = fetchManifest(ref.manifestReference(), ref.digest());
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.put("mediaType", top.mediaType());
        entry.put("digest", top.digest().toString());
        entry.put("size", top.bytes().length);
        if (ref.tag() != null) {
            entry.putObject("annotations").put(REF_NAME, ref.registry() + "/" + ref.repository() + ":" + ref.tag());
        }
        ObjectNode index = JsonNodeFactory.instance.objectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaType.OCI_INDEX);
        index.putArray("manifests").add(entry);
        documents.put("index.json", index.toString().getBytes(StandardCharsets.UTF_8));
        documents.put(blobName(top.digest()), top.bytes());
        this.topDigest = top.digest();
    }

    /** The digest of the manifest or index the reference names, its bytes checked against it. */
    public Digest topDigest() {
        return topDigest;
    }

    private record Fetched(byte[] bytes, String mediaType, Digest digest) {
    }

    /** A manifest or index, read whole within the JSON cap, its digest checked; an index's entries remembered. */
    private Fetched fetchManifest(String reference, Digest expected) {
        long cap = limits.maxJsonBytes();
        String what = ref + ": manifest " + reference;
        HttpResponse<InputStream> r = client.get("manifests", reference, ACCEPT);
        byte[] bytes;
        try (InputStream in = r.body()) {
            long announced = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (announced > cap) {
                throw new InvalidInputException(what, "JSON document of " + announced + " bytes is larger than the "
                        + cap + "-byte limit");
            }
            bytes = in.readNBytes((int) cap + 1);
        } catch (IOException e) {
            throw new InvalidInputException(what, "cannot read: " + e.getMessage());
        }
        if (bytes.length > cap) {
            throw new InvalidInputException(what, "larger than the " + cap + "-byte limit");
        }
        Digest got = expected != null ? new Digest(expected.algorithm(), java.util.HexFormat.of().formatHex(
                expected.newHasher().digest(bytes))) : Digest.sha256Of(bytes);
        if (expected != null && !got.equals(expected)) {
            throw new InvalidInputException(what, "digest mismatch: content is " + got);
        }
        String said = r.headers().firstValue("Docker-Content-Digest").orElse(null);
        if (expected == null && said != null && said.startsWith("sha256:") && !said.equals(got.toString())) {
            throw new InvalidInputException(what, "digest mismatch: registry says " + said + ", content is " + got);
        }
        String mediaType = r.headers().firstValue("Content-Type").map(t -> t.split(";", 2)[0].trim()).orElse("");
        if (!MediaType.isManifest(mediaType) && !MediaType.isIndex(mediaType)) {
            JsonNode body = StrictJson.parse(bytes, what);
            mediaType = body.path("mediaType").asText(body.has("manifests") ? MediaType.OCI_INDEX
                    : MediaType.OCI_MANIFEST);
        }
        if (MediaType.isIndex(mediaType)) {
            for (Descriptor d : Index.parse(bytes, what).manifests()) {
                if (MediaType.isManifest(d.mediaType()) || MediaType.isIndex(d.mediaType())) {
                    manifestDigests.add(d.digest());
                }
            }
        }
        return new Fetched(bytes, mediaType, got);
    }

    private static String blobName(Digest d) {
        return "blobs/" + d.algorithm() + "/" + d.hex();
    }

    /** The digest a {@code blobs/ALG/HEX} name stands for, or null for any other name. */
    private static Digest digestOf(String name) {
        if (!name.startsWith("blobs/")) {
            return null;
        }
        String[] parts = name.split("/");
        if (parts.length != 3) {
            return null;
        }
        try {
            return Digest.parse(parts[1] + ":" + parts[2]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private byte[] document(String name) {
        byte[] b = documents.get(name);
        if (b == null) {
            Digest d = digestOf(name);
            if (d != null && manifestDigests.contains(d)) {
                b = fetchManifest(d.toString(), d).bytes();
                documents.put(name, b);
            }
        }
        return b;
    }

    @Override
    public long size(String name) {
        byte[] doc = document(name);
        if (doc != null) {
            return doc.length;
        }
        Digest d = digestOf(name);
        if (d == null) {
            return -1; // no oci-layout file: a registry has no layout version to check
        }
        return blobSizes.computeIfAbsent(name, n -> client.size("blobs", d.toString()));
    }

    @Override
    public InputStream open(String name) throws IOException {
        byte[] doc = document(name);
        if (doc != null) {
            return new ByteArrayInputStream(doc);
        }
        Digest d = digestOf(name);
        if (d == null) {
            throw new InvalidInputException(describe(), "no " + name);
        }
        String what = describe() + ": blob " + d;
        InputStream cached = cache == null ? null : cache.open(d, what);
        if (cached != null) {
            return cached;
        }
        HttpResponse<InputStream> r = client.get("blobs", d.toString(), "*/*");
        long announced = blobSizes.getOrDefault(name, r.headers().firstValueAsLong("Content-Length").orElse(-1));
        InputStream body = new ResumedBlob(client, d, r.body(), announced, what);
        if (announced < 0) {
            return body;
        }
        body = new AtMost(body, announced, what);
        return cache == null ? body : cache.store(d, announced, body, what);
    }

    /**
     * A small document (a config) read whole: kept once its bytes are its digest, so that the layout reader's
     * second look at it (the documents as stored) is not a second download.
     */
    @Override
    public byte[] readSmall(String name, long cap) {
        byte[] kept = documents.get(name);
        if (kept != null && kept.length <= cap) {
            return kept;
        }
        byte[] b = BlobStore.super.readSmall(name, cap);
        Digest d = digestOf(name);
        if (d != null && java.util.HexFormat.of().formatHex(d.newHasher().digest(b)).equals(d.hex())) {
            documents.put(name, b);
        }
        return b;
    }

    @Override
    public String describe() {
        return ref.toString();
    }

    /** A blob stream that refuses to go on past the size the registry announced for it. */
    private static final class AtMost extends FilterInputStream {
        private final long max;
        private final String what;
        private long read;

        AtMost(InputStream in, long max, String what) {
            super(in);
            this.max = max;
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) {
            read += n;
            if (read > max) {
                throw new InvalidInputException(what, "registry sent more than the " + max + " bytes it announced");
            }
        }
    }
}
