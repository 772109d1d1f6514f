package dev.ocisc.oci.registry;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.Digest;
import dev.ocisc.oci.ImageReference;
import dev.ocisc.oci.RegistryAccess;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The write half of the distribution API for one repository, over the same {@link RegistryClient} (auth, TLS,
 * retries): a blob pushed (POST to open an upload, then one PUT with the bytes and their digest, the spec's
 * monolithic upload; above the chunk size, PATCHes of one chunk each with its {@code Content-Range}, then the
 * closing PUT; skipped when a HEAD finds the blob there already), and a manifest PUT by tag or digest. What ocisc
 * pushes are documents (SBOMs, attestations, manifests), held in memory.
 */
final class RegistryWriter {
    private static final String OCTETS = "application/octet-stream";
    /** Bodies above this go in chunks: proxies in front of registries often cap one request's body. */
    static final int CHUNK_BYTES = 16 << 20;

    private final ImageReference ref;
    private final RegistryClient client;
    private final int chunkBytes;

    RegistryWriter(ImageReference ref, RegistryClient client, int chunkBytes) {
        this.ref = ref;
        this.client = client;
        this.chunkBytes = chunkBytes;
    }

    RegistryWriter(ImageReference ref, RegistryAccess access) {
        this(ref, new RegistryClient(ref, access), CHUNK_BYTES);
    }

    RegistryClient client() {
        return client;
    }

    /** Pushes {@code bytes} as the blob {@code digest} (which the caller computed from them), unless it is there. */
    void pushBlob(Digest digest, byte[] bytes) {
        if (client.size("blobs", digest.toString()) == bytes.length) {
            return;
        }
        HttpResponse<InputStream> opened = client.send(new RegistryClient.Call("POST",
                "/v2/" + ref.repository() + "/blobs/uploads/", "*/*", OCTETS, new byte[0]));
        RegistryClient.close(opened);
        if (opened.statusCode() != 202) {
            throw refused("blob upload of " + digest, opened.statusCode());
        }
        String location = location(opened, digest);
        byte[] last = bytes;
        if (bytes.length > chunkBytes) {
            // The spec's chunked upload: each PATCH sends the next range and answers with where to go on.
            for (int from = 0; from < bytes.length; from += chunkBytes) {
                int to = Math.min(bytes.length, from + chunkBytes);
                HttpResponse<InputStream> patch = client.send(new RegistryClient.Call("PATCH", location, "*/*",
                        OCTETS, java.util.Arrays.copyOfRange(bytes, from, to), from + "-" + (to - 1)));
                RegistryClient.close(patch);
                if (patch.statusCode() != 202) {
                    throw refused("chunk " + from + "-" + (to - 1) + " of blob " + digest, patch.statusCode());
                }
                location = location(patch, digest);
            }
            last = new byte[0];
        }
        String target = location + (location.contains("?") ? "&" : "?") + "digest="
                + URLEncoder.encode(digest.toString(), StandardCharsets.UTF_8);
        HttpResponse<InputStream> put = client.send(new RegistryClient.Call("PUT", target, "*/*", OCTETS, last));
        RegistryClient.close(put);
        if (put.statusCode() != 201) {
            throw refused("blob " + digest, put.statusCode());
        }
    }

    private String location(HttpResponse<InputStream> r, Digest digest) {
        return r.headers().firstValue("Location").orElseThrow(() -> new InvalidInputException(ref.toString(),
                "registry answered the upload of blob " + digest + " without a Location"));
    }

    /**
     * PUTs a manifest by {@code reference} (a tag or its digest). Returns the {@code OCI-Subject} header of the
     * answer: a registry with the referrers API names the subject it indexed there.
     */
    Optional<String> pushManifest(String reference, String mediaType, byte[] bytes) {
        HttpResponse<InputStream> put = client.send(new RegistryClient.Call("PUT", client.path("manifests",
                reference), "*/*", mediaType, bytes));
        RegistryClient.close(put);
        if (put.statusCode() != 201) {
            throw refused("manifest " + reference, put.statusCode());
        }
        String said = put.headers().firstValue("Docker-Content-Digest").orElse(null);
        Digest sent = Digest.sha256Of(bytes);
        if (said != null && !said.equals(sent.toString())) {
            throw new InvalidInputException(ref.toString(), "registry stored manifest " + reference + " as " + said
                    + ", not as its digest " + sent);
        }
        return put.headers().firstValue("OCI-Subject");
    }

    private InvalidInputException refused(String what, int status) {
        return new InvalidInputException(ref.toString(), switch (status) {
            case 401 -> "authentication failed for " + ref.registry() + " (HTTP 401) pushing " + what
                    + ": check the credentials (--authfile FILE, REGISTRY_AUTH_FILE or docker login)";
            case 403 -> "push of " + what + " to " + ref.repository() + " denied by " + ref.registry()
                    + " (HTTP 403)";
            default -> "registry answered HTTP " + status + " to the push of " + what;
        });
    }
}
