package dev.ocisc.oci;

/**
 * A document attached to an image, found in its registry, its bytes checked against the digest its manifest
 * gives them.
 *
 * @param foundBy      where it was listed: {@code referrers API}, {@code referrers tag sha256-HEX} or
 *                     {@code cosign tag sha256-HEX.att}
 * @param manifest     the digest of the manifest that holds it
 * @param artifactType the manifest's artifact type (for cosign's tag, the layer's media type)
 * @param document     the document's digest
 * @param bytes        the document, verified
 */
public record Referrer(String foundBy, Digest manifest, String artifactType, Digest document, byte[] bytes) {
    public Referrer {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Names the document in messages: {@code referrer sha256:… (referrers tag sha256-…)}. */
    public String where() {
        return "referrer " + manifest.shortHex() + " layer " + document.shortHex() + " (" + foundBy + ")";
    }
}
