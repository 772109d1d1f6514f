package dev.ocisc.oci;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A document to attach to an image in its registry as an OCI 1.1 referrer: an image manifest whose
 * {@code artifactType} says what the document is, whose config is the empty descriptor, whose one layer is the
 * document, and whose {@code subject} is the image's manifest.
 *
 * @param artifactType the document's media type, also the manifest's {@code artifactType}
 *                     ({@link #CYCLONEDX_JSON}, {@link #SPDX_JSON}, {@link #DSSE}, {@link #SIGSTORE_BUNDLE})
 * @param document     the bytes pushed, exactly as given
 * @param annotations  the manifest's annotations (only {@code org.opencontainers.image.created}, from
 *                     SOURCE_DATE_EPOCH, in ocisc's own use: the same input pushes the same manifest)
 */
public record Attachment(String artifactType, byte[] document, SortedMap<String, String> annotations) {
    public static final String CYCLONEDX_JSON = "application/vnd.cyclonedx+json";
    public static final String SPDX_JSON = "application/spdx+json";
    public static final String DSSE = "application/vnd.dsse.envelope.v1+json";
    public static final String SIGSTORE_BUNDLE = "application/vnd.dev.sigstore.bundle.v0.3+json";
    /** The annotation of the time a document was made, when SOURCE_DATE_EPOCH gives one. */
    public static final String CREATED = "org.opencontainers.image.created";

    public Attachment {
        document = document.clone();
        annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
    }

    /**
     * The attachment of {@code document} made at {@code created} (from SOURCE_DATE_EPOCH), or with no time when it
     * is null: the same document then pushes the same manifest, and attaching it again adds nothing.
     */
    public static Attachment made(String artifactType, byte[] document, Instant created) {
        SortedMap<String, String> annotations = new TreeMap<>();
        if (created != null) {
            annotations.put(CREATED, DateTimeFormatter.ISO_INSTANT.format(created));
        }
        return new Attachment(artifactType, document, annotations);
    }

    @Override
    public byte[] document() {
        return document.clone();
    }

    /** Whether documents of {@code artifactType} are SBOMs. */
    public static boolean isSbom(String artifactType) {
        return CYCLONEDX_JSON.equals(artifactType) || SPDX_JSON.equals(artifactType);
    }

    /** Whether documents of {@code artifactType} are signed attestations. */
    public static boolean isAttestation(String artifactType) {
        return DSSE.equals(artifactType) || SIGSTORE_BUNDLE.equals(artifactType);
    }
}
