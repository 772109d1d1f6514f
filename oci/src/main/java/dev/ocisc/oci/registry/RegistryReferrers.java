package dev.ocisc.oci.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.json.StrictJson;
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
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OCI 1.1 referrers of one image in its repository (distribution spec, "Listing Referrers" and "Pushing Manifests
 * with Subject"). A referrer is pushed by digest; a registry with the referrers API says so by answering the PUT
 * with {@code OCI-Subject}, else the client keeps the list itself, an image index at the tag {@code sha256-HEX}
 * (fetched, the descriptor added unless there, put back). Found again through {@code GET /v2/NAME/referrers/DIGEST}
 * when the registry answers it (a 404 means it has no such API), else the tag; then cosign's own
 * {@code sha256-HEX.att}. Nothing listed is believed: each manifest is read by its digest, must name this image
 * as its subject, and each document's bytes are checked against their digest and size.
 */
public final class RegistryReferrers {
    static final String EMPTY_TYPE = "application/vnd.oci.empty.v1+json";
    static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);
    /** Attestations of 10,000-derivation closures and their SBOMs are a few MB; far larger is not one. */
    private static final long MAX_DOCUMENT_BYTES = 256L << 20;
    private static final int MAX_PAGES = 100;
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private final ImageReference image;
    private final RegistryWriter writer;
    private final RegistryClient client;
    private final Limits limits;

    public RegistryReferrers(ImageReference image, RegistryAccess access, Limits limits) {
        this.image = image;
        this.writer = new RegistryWriter(image, access);
        this.client = writer.client();
        this.limits = limits;
    }

    /** The referrers tag schema's tag for {@code subject}: {@code ALG-HEX}. */
    static String tagOf(Digest subject) {
        return subject.algorithm() + "-" + subject.hex();
    }

    /** @param cosignEnvelope a DSSE envelope to add to cosign's {@code .att} image as well, or null */
    public Referrers.Attached attach(Descriptor subject, Attachment what, byte[] cosignEnvelope) {
        byte[] doc = what.document();
        Digest docDigest = Digest.sha256Of(doc);
        byte[] manifest = referrerManifest(subject, what, docDigest, doc.length);
        Digest manifestDigest = Digest.sha256Of(manifest);
        writer.pushBlob(Digest.sha256Of(EMPTY), EMPTY);
        writer.pushBlob(docDigest, doc);
        Optional<String> indexed = writer.pushManifest(manifestDigest.toString(), MediaType.OCI_MANIFEST, manifest);
        String via;
        boolean added;
        if (indexed.isPresent() && indexed.get().equals(subject.digest().toString())) {
            via = "referrers API";
            added = true;
        } else {
            via = "referrers tag " + tagOf(subject.digest());
            added = addToTagIndex(subject.digest(), manifestDigest, manifest.length, what);
        }
        String cosign = null;
        if (cosignEnvelope != null) {
            cosign = CosignLayout.push(writer, this, subject.digest(), cosignEnvelope,
                    Digest.sha256Of(cosignEnvelope));
        }
        return new Referrers.Attached(subject, manifestDigest, via, added, cosign);
    }

    /**
     * The referrer manifest, byte for byte the same for the same input: keys in the spec's order, no time unless
     * the attachment carries one.
     */
    static byte[] referrerManifest(Descriptor subject, Attachment what, Digest docDigest, long docSize) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", MediaType.OCI_MANIFEST);
        m.put("artifactType", what.artifactType());
        ObjectNode config = m.putObject("config");
        config.put("mediaType", EMPTY_TYPE);
        config.put("digest", Digest.sha256Of(EMPTY).toString());
        config.put("size", EMPTY.length);
        config.put("data", "e30=");
        ObjectNode layer = m.putArray("layers").addObject();
        layer.put("mediaType", what.artifactType());
        layer.put("digest", docDigest.toString());
        layer.put("size", docSize);
        ObjectNode s = m.putObject("subject");
        s.put("mediaType", subject.mediaType());
        s.put("digest", subject.digest().toString());
        s.put("size", subject.size());
        if (!what.annotations().isEmpty()) {
            ObjectNode a = m.putObject("annotations");
            what.annotations().forEach(a::put);
        }
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The spec's client steps for a registry without the API: the index at the tag (a 404 starts an empty one;
     * anything but an index there is an error), the descriptor added unless listed, the index put back.
     */
    private boolean addToTagIndex(Digest subject, Digest manifest, long size, Attachment what) {
        String tag = tagOf(subject);
        Optional<byte[]> current = manifestByTag(tag);
        ObjectNode index;
        if (current.isEmpty()) {
            index = JsonNodeFactory.instance.objectNode();
            index.put("schemaVersion", 2);
            index.put("mediaType", MediaType.OCI_INDEX);
            index.putArray("manifests");
        } else {
            JsonNode n = StrictJson.parse(current.get(), image + ": referrers tag " + tag);
            if (!n.isObject() || !n.path("manifests").isArray()
                    || !MediaType.OCI_INDEX.equals(n.path("mediaType").asText(MediaType.OCI_INDEX))) {
                throw new InvalidInputException(image + ": tag " + tag, "not an image index, so not a referrers "
                        + "list; left as it is");
            }
            index = (ObjectNode) n;
            for (JsonNode d : n.path("manifests")) {
                if (manifest.toString().equals(d.path("digest").asText())) {
                    return false;
                }
            }
        }
        ObjectNode d = ((ArrayNode) index.get("manifests")).addObject();
        d.put("mediaType", MediaType.OCI_MANIFEST);
        d.put("digest", manifest.toString());
        d.put("size", size);
        d.put("artifactType", what.artifactType());
        if (!what.annotations().isEmpty()) {
            ObjectNode a = d.putObject("annotations");
            what.annotations().forEach(a::put);
        }
        writer.pushManifest(tag, MediaType.OCI_INDEX, index.toString().getBytes(StandardCharsets.UTF_8));
        return true;
    }

    public Referrers.Found find(Descriptor subject, Predicate<String> wanted) {
        List<String> looked = new ArrayList<>();
        List<Referrer> found = new ArrayList<>();
        Set<Digest> seen = new LinkedHashSet<>();
        Optional<List<JsonNode>> api = referrersApi(subject.digest());
        List<JsonNode> listed;
        String by;
        if (api.isPresent()) {
            listed = api.get();
            by = "referrers API";
        } else {
            looked.add("referrers API: not supported by " + image.registry());
            by = "referrers tag " + tagOf(subject.digest());
            listed = manifestByTag(tagOf(subject.digest()))
                    .map(b -> listOf(StrictJson.parse(b, image + ": " + tagOf(subject.digest())), tagOf(subject.digest())))
                    .orElse(List.of());
        }
        int before = found.size();
        for (JsonNode d : listed) {
            String type = d.path("artifactType").asText("");
            Digest m = digest(d, by);
            if (!wanted.test(type) || !seen.add(m)) {
                continue;
            }
            found.addAll(documents(subject.digest(), m, d.path("size").asLong(-1), by));
        }
        looked.add(by + ": " + listed.size() + " listed, " + (found.size() - before) + " wanted");
        String att = CosignLayout.tag(subject.digest());
        if (wanted.test(Attachment.DSSE)) {
            before = found.size();
            Optional<Fetched> cosign = manifest(att, null);
            if (cosign.isPresent()) {
                JsonNode n = StrictJson.parse(cosign.get().bytes(), image + ": " + att);
                for (JsonNode l : n.path("layers")) {
                    if (Attachment.DSSE.equals(l.path("mediaType").asText())) {
                        Digest dd = digest(l, "cosign tag " + att);
                        byte[] doc = blob(dd, l.path("size").asLong(-1));
                        found.add(new Referrer("cosign tag " + att, cosign.get().digest(), Attachment.DSSE, dd, doc));
                    }
                }
            }
            looked.add("cosign tag " + att + ": " + (cosign.isEmpty() ? "none" : (found.size() - before)
                    + " DSSE layer" + (found.size() - before == 1 ? "" : "s")));
        }
        return new Referrers.Found(subject, found, looked);
    }

    /** The descriptors of the referrers API, every page; empty when the registry has no such API (404). */
    private Optional<List<JsonNode>> referrersApi(Digest subject) {
        List<JsonNode> all = new ArrayList<>();
        String target = client.path("referrers", subject.toString());
        for (int page = 0; page < MAX_PAGES && target != null; page++) {
            HttpResponse<InputStream> r = client.send(new RegistryClient.Call("GET", target, MediaType.OCI_INDEX,
                    null, null));
            if (r.statusCode() == 404 && page == 0) {
                RegistryClient.close(r);
                return Optional.empty();
            }
            if (r.statusCode() != 200) {
                RegistryClient.close(r);
                throw client.failure("referrers", subject.toString(), r.statusCode());
            }
            byte[] body = read(r, limits.maxJsonBytes(), image + ": referrers of " + subject);
            all.addAll(listOf(StrictJson.parse(body, image + ": referrers of " + subject), "referrers API"));
            limits.checkDescriptors(all.size(), image + ": referrers of " + subject);
            target = r.headers().firstValue("Link").map(l -> {
                Matcher m = NEXT.matcher(l);
                return m.find() ? m.group(1) : null;
            }).orElse(null);
        }
        return Optional.of(all);
    }

    private List<JsonNode> listOf(JsonNode index, String where) {
        if (!index.isObject() || !index.path("manifests").isArray()) {
            throw new InvalidInputException(image + ": " + where, "not an image index (no manifests array)");
        }
        List<JsonNode> out = new ArrayList<>();
        index.path("manifests").forEach(out::add);
        limits.checkDescriptors(out.size(), image + ": " + where);
        return out;
    }

    private Digest digest(JsonNode descriptor, String where) {
        try {
            return Digest.parse(descriptor.path("digest").asText(null));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(image + ": " + where, "descriptor: " + e.getMessage());
        }
    }

    /** The documents of one listed referrer manifest, which must refer to {@code subject}. */
    private List<Referrer> documents(Digest subject, Digest manifest, long listedSize, String by) {
        Fetched f = manifest(manifest.toString(), manifest).orElseThrow(() -> new InvalidInputException(
                image + ": " + by, "lists manifest " + manifest + ", which the registry does not have"));
        String what = image + ": referrer " + manifest;
        if (listedSize >= 0 && f.bytes().length != listedSize) {
            throw new InvalidInputException(what, "is " + f.bytes().length + " bytes, the list says " + listedSize);
        }
        JsonNode n = StrictJson.parse(f.bytes(), what);
        if (!subject.toString().equals(n.path("subject").path("digest").asText())) {
            throw new InvalidInputException(what, "names subject '" + n.path("subject").path("digest").asText()
                    + "', not this image " + subject);
        }
        String type = n.path("artifactType").asText(n.path("config").path("mediaType").asText(""));
        List<Referrer> out = new ArrayList<>();
        for (JsonNode l : n.path("layers")) {
            Digest d = digest(l, "referrer " + manifest);
            out.add(new Referrer(by, manifest, type, d, blob(d, l.path("size").asLong(-1))));
        }
        return out;
    }

    record Fetched(byte[] bytes, Digest digest) {
    }

    Optional<byte[]> manifestByTag(String tag) {
        return manifest(tag, null).map(Fetched::bytes);
    }

    /** A manifest or index by tag or digest, capped, its digest checked; empty on 404. */
    Optional<Fetched> manifest(String reference, Digest expected) {
        HttpResponse<InputStream> r = client.send(new RegistryClient.Call("GET", client.path("manifests", reference),
                String.join(", ", MediaType.OCI_INDEX, MediaType.OCI_MANIFEST, MediaType.DOCKER_MANIFEST), null,
                null));
        if (r.statusCode() == 404) {
            RegistryClient.close(r);
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            RegistryClient.close(r);
            throw client.failure("manifests", reference, r.statusCode());
        }
        String what = image + ": manifest " + reference;
        byte[] b = read(r, limits.maxJsonBytes(), what);
        Digest got = Digest.sha256Of(b);
        if (expected != null && !got.equals(expected)) {
            throw new InvalidInputException(what, "digest mismatch: content is " + got);
        }
        String said = r.headers().firstValue("Docker-Content-Digest").orElse(null);
        if (said != null && said.startsWith("sha256:") && !said.equals(got.toString())) {
            throw new InvalidInputException(what, "digest mismatch: registry says " + said + ", content is " + got);
        }
        return Optional.of(new Fetched(b, got));
    }

    /** A document blob, read whole within its cap and checked against its size and digest. */
    private byte[] blob(Digest d, long size) {
        String what = image + ": blob " + d;
        if (size < 0) {
            throw new InvalidInputException(what, "descriptor has no valid size");
        }
        if (size > MAX_DOCUMENT_BYTES) {
            throw new InvalidInputException(what, "document of " + size + " bytes is larger than the "
                    + MAX_DOCUMENT_BYTES + "-byte limit");
        }
        HttpResponse<InputStream> r = client.get("blobs", d.toString(), "*/*");
        byte[] b = read(r, size, what);
        if (b.length != size) {
            throw new InvalidInputException(what, "blob is " + b.length + " bytes, descriptor says " + size);
        }
        Digest got = new Digest(d.algorithm(), java.util.HexFormat.of().formatHex(d.newHasher().digest(b)));
        if (!got.equals(d)) {
            throw new InvalidInputException(what, "digest mismatch: content is " + got);
        }
        return b;
    }

    /** The body, at most {@code cap} bytes (one more is read to tell a longer one). */
    private static byte[] read(HttpResponse<InputStream> r, long cap, String what) {
        try (InputStream in = r.body()) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
            if (b.length > cap) {
                throw new InvalidInputException(what, "larger than the " + cap + "-byte limit");
            }
            return b;
        } catch (IOException e) {
            throw new InvalidInputException(what, "cannot read: " + e.getMessage());
        }
    }
}
