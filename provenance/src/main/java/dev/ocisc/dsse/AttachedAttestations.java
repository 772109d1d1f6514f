package dev.ocisc.dsse;

import dev.ocisc.oci.Attachment;
import dev.ocisc.oci.Digest;
import dev.ocisc.oci.ImageReference;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.oci.Referrer;
import dev.ocisc.oci.Referrers;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The signed attestations attached to an image in its registry (the referrers API, the referrers tag schema,
 * cosign's {@code .att} tag), each document checked against its digest and parsed; nothing is verified here.
 * What {@code attest verify IMAGE} and {@code verify image IMAGE --key} both read.
 *
 * @param image        the image's manifest digest: the subject an attestation of it must name
 * @param attestations every envelope found, in the order the registry listed them
 * @param looked       where they were looked for, for a message when there are none
 */
public record AttachedAttestations(Digest image, List<SignedAttestation> attestations, List<String> looked) {
    public AttachedAttestations {
        attestations = List.copyOf(attestations);
        looked = List.copyOf(looked);
    }

    /** @param source what each envelope's name starts with in messages (the image as the user named it), or "" */
    public static AttachedAttestations find(ImageReference image, ReadOptions opts, String source) {
        Referrers.Found found = Referrers.find(image, opts, Attachment::isAttestation);
        List<SignedAttestation> all = new ArrayList<>();
        for (Referrer r : found.referrers()) {
            all.addAll(AttestationFile.parse(r.bytes(), source + r.where()));
        }
        return new AttachedAttestations(found.subject().digest(), all, found.looked());
    }

    /** The image's manifest digest as the digest set a subject must carry. */
    public SortedMap<String, String> subject() {
        SortedMap<String, String> set = new TreeMap<>();
        set.put(image.algorithm(), image.hex());
        return set;
    }
}
