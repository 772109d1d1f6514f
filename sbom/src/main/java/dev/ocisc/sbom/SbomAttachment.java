package dev.ocisc.sbom;

import dev.ocisc.failure.UsageException;
import dev.ocisc.oci.Attachment;
import dev.ocisc.oci.ImageReference;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.oci.Referrers;
import dev.ocisc.target.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * An SBOM pushed to its image's registry as an OCI 1.1 referrer of the image's manifest ({@code sbom --attach}):
 * one document, CycloneDX JSON or SPDX JSON, the formats registries and their clients know as SBOMs.
 *
 * @param image  the image in its registry
 * @param format the format pushed
 */
public record SbomAttachment(ImageReference image, Format format) {
    /**
     * The attachment asked for, checked (with the target) before anything is read.
     *
     * @param asked  the formats asked for (none: CycloneDX JSON)
     * @param target what the SBOM is of, or null for a JSON graph on standard input
     */
    public static SbomAttachment checked(List<Format> asked, Target target) {
        List<Format> distinct = asked.stream().distinct().toList();
        Format f = distinct.isEmpty() ? Format.CYCLONEDX_JSON : distinct.get(0);
        if (distinct.size() > 1 || !(f == Format.CYCLONEDX_JSON || f == Format.SPDX_JSON)) {
            throw new UsageException("--attach pushes one SBOM: -f cyclonedx-json (default) or -f spdx-json");
        }
        if (!(target instanceof Target.Registry r)) {
            throw new UsageException("--attach needs an image in a registry (REGISTRY/REPO:TAG or @sha256:HEX), not "
                    + (target == null ? "standard input" : target.describe()));
        }
        return new SbomAttachment(r.reference(), f);
    }

    /** The document's media type, also the referrer's artifactType. */
    public String artifactType() {
        return format == Format.SPDX_JSON ? Attachment.SPDX_JSON : Attachment.CYCLONEDX_JSON;
    }

    /**
     * Pushes {@code sbom} as a referrer of the image. Without a creation time the document has no time, so the same
     * image pushes the same referrer and attaching again adds nothing.
     */
    public Referrers.Attached push(Sbom sbom, Instant created, ReadOptions opts) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            format.writer().write(sbom, buf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Referrers.attach(image, opts, Attachment.made(artifactType(), buf.toByteArray(), created), null);
    }
}
