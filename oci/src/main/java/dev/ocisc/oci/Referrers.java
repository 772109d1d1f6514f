package dev.ocisc.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.oci.registry.RegistryReferrers;
import java.util.List;
import java.util.function.Predicate;

/**
 * Documents attached to images in their registry, as OCI 1.1 referrers: pushed with {@link #attach} and found
 * again with {@link #find}. The subject is always the image's manifest as ocisc reads it (the one
 * {@code --platform} picks from an index), so that what is attached names what {@code sbom} and
 * {@code attest verify} see.
 */
public final class Referrers {
    private Referrers() {
    }

    /**
     * Where an attachment went.
     *
     * @param subject   the image manifest it refers to
     * @param manifest  the digest of the referrer manifest pushed (the same for the same input)
     * @param via       {@code referrers API} when the registry indexed it itself (its {@code OCI-Subject}
     *                  answer), else {@code referrers tag sha256-HEX}
     * @param added     false when the index already listed it: attaching again changes nothing
     * @param cosignTag the tag cosign's layout was also written at, or null
     */
    public record Attached(Descriptor subject, Digest manifest, String via, boolean added, String cosignTag) {
    }

    /**
     * What a search found.
     *
     * @param subject   the image manifest looked for
     * @param referrers the documents found, in the order listed (API, then tag schema, then cosign's tag), each
     *                  once
     * @param looked    what each place held, for a report ("referrers API: not supported", ...)
     */
    public record Found(Descriptor subject, List<Referrer> referrers, List<String> looked) {
        public Found {
            referrers = List.copyOf(referrers);
            looked = List.copyOf(looked);
        }
    }

    /**
     * Pushes {@code what} as a referrer of the image {@code image} names, and, when {@code cosignEnvelope} is not
     * null, that DSSE envelope also where {@code cosign attest} puts one ({@code sha256-HEX.att}).
     */
    public static Attached attach(ImageReference image, ReadOptions opts, Attachment what, byte[] cosignEnvelope) {
        Descriptor subject = subject(image, opts);
        return new RegistryReferrers(image, opts.registry(), opts.limits()).attach(subject, what, cosignEnvelope);
    }

    /** The documents of the wanted artifact types attached to the image {@code image} names. */
    public static Found find(ImageReference image, ReadOptions opts, Predicate<String> wanted) {
        Descriptor subject = subject(image, opts);
        return new RegistryReferrers(image, opts.registry(), opts.limits()).find(subject, wanted);
    }

    /** The descriptor of the image's manifest: its media type, digest and size, as the registry stores it. */
    public static Descriptor subject(ImageReference image, ReadOptions opts) {
        try (ImageSource source = ImageSource.open(image, opts)) {
            StoredImage stored = source.image(opts);
            byte[] manifest = stored.manifest();
            JsonNode n = Documents.parse(manifest, image + ": manifest");
            String mediaType = n.path("mediaType").asText(MediaType.OCI_MANIFEST);
            return Descriptor.of(mediaType.isEmpty() ? MediaType.OCI_MANIFEST : mediaType,
                    stored.image().manifestDigest(), manifest.length);
        }
    }
}
