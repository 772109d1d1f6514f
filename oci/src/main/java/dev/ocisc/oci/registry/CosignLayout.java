package dev.ocisc.oci.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.json.StrictJson;
import dev.ocisc.oci.Attachment;
import dev.ocisc.oci.Digest;
import dev.ocisc.oci.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Attestations where cosign keeps them, so that {@code cosign verify-attestation} finds them: an image at the tag
 * {@code sha256-HEX.att} (pkg/oci/remote: normalize, AttestationTagSuffix "att") whose layers are DSSE envelopes
 * of media type {@code application/vnd.dsse.envelope.v1+json} (types.DssePayloadType), each annotated
 * {@code dev.cosignproject.cosign/signature: ""} (pkg/oci/static NewAttestation: an attestation's signature is in
 * its payload). The image is go-containerregistry's empty image in OCI media types (pkg/oci/empty, the default
 * without COSIGN_DOCKER_MEDIA_TYPES) with the layers appended (pkg/oci/mutate AppendSignatures over
 * mutate.Append): its config lists each layer's digest as a DiffID and one zero-time history entry per layer.
 * An envelope already there is not appended again, as cosign's duplicate detector does.
 */
final class CosignLayout {
    static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private CosignLayout() {
    }

    static String tag(Digest subject) {
        return RegistryReferrers.tagOf(subject) + ".att";
    }

    /** Adds the envelope to the subject's {@code .att} image (made when there is none); returns the tag. */
    static String push(RegistryWriter writer, RegistryReferrers referrers, Digest subject, byte[] envelope,
            Digest envelopeDigest) {
        String tag = tag(subject);
        List<JsonNode> layers = new ArrayList<>();
        Optional<byte[]> current = referrers.manifestByTag(tag);
        if (current.isPresent()) {
            JsonNode n = StrictJson.parse(current.get(), tag);
            if (!n.path("layers").isArray()) {
                throw new InvalidInputException(tag, "not an image manifest, so not cosign's attestations; left as "
                        + "it is");
            }
            n.path("layers").forEach(layers::add);
        }
        if (layers.stream().noneMatch(l -> envelopeDigest.toString().equals(l.path("digest").asText()))) {
            ObjectNode l = JsonNodeFactory.instance.objectNode();
            l.put("mediaType", Attachment.DSSE);
            l.put("size", envelope.length);
            l.put("digest", envelopeDigest.toString());
            l.putObject("annotations").put(SIGNATURE_ANNOTATION, "");
            layers.add(l);
        } else if (current.isPresent()) {
            return tag;
        }
        byte[] config = config(layers);
        Digest configDigest = Digest.sha256Of(config);
        writer.pushBlob(configDigest, config);
        writer.pushBlob(envelopeDigest, envelope);
        writer.pushManifest(tag, MediaType.OCI_MANIFEST, manifest(configDigest, config.length, layers));
        return tag;
    }

    /** go-containerregistry's v1.ConfigFile of the appended empty image, in its field order. */
    static byte[] config(List<JsonNode> layers) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("architecture", "");
        c.put("created", ZERO_TIME);
        ArrayNode history = c.putArray("history");
        c.put("os", "");
        ObjectNode rootfs = c.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        for (JsonNode l : layers) {
            history.addObject().put("created", ZERO_TIME);
            diffIds.add(l.path("digest").asText());
        }
        c.putObject("config");
        return c.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** go-containerregistry's v1.Manifest, in its field order (descriptors: mediaType, size, digest). */
    static byte[] manifest(Digest config, long configSize, List<JsonNode> layers) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", MediaType.OCI_MANIFEST);
        ObjectNode cfg = m.putObject("config");
        cfg.put("mediaType", MediaType.OCI_CONFIG);
        cfg.put("size", configSize);
        cfg.put("digest", config.toString());
        ArrayNode ls = m.putArray("layers");
        layers.forEach(ls::add);
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }
}
