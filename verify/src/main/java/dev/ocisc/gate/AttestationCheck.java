package dev.ocisc.gate;

import dev.ocisc.dsse.AttestationFile;
import dev.ocisc.dsse.KeyId;
import dev.ocisc.dsse.SignedAttestation;
import dev.ocisc.dsse.VerificationException;
import dev.ocisc.dsse.VerificationStep;
import dev.ocisc.slsa.AttestationVerifier;
import dev.ocisc.slsa.Expectations;
import dev.ocisc.slsa.VerifiedProvenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * The gate's {@code signature} and {@code subject} checks. Every check is the provenance module's
 * {@link AttestationVerifier} (signature over the PAE, then the verified statement and its subject against the
 * image's digests); this class only splits its one verdict into the two rows a release report shows, using the
 * fixed order of {@link VerificationStep}: a failure after {@link VerificationStep#SIGNATURE} means that the
 * signature itself was good.
 */
final class AttestationCheck {
    /** The two report rows, and the provenance when an attestation passed both (the builder rule reads it). */
    record Outcome(Check signature, Check subject, VerifiedProvenance verified) {
    }

    private AttestationCheck() {
    }

    /**
     * Reads the file, or the attestations attached to the image in its registry (bad input: exit 3, before any
     * verdict); nothing is judged here yet.
     */
    static List<SignedAttestation> read(Attestation a, dev.ocisc.oci.ReadOptions opts) {
        if (a.file() != null) {
            return AttestationFile.read(a.file());
        }
        return dev.ocisc.dsse.AttachedAttestations.find(a.attachedTo(), opts, "").attestations();
    }

    /**
     * @param identity the digest sets the image is known by (its manifest digest; the archive's or directory's own
     *                 digest), any of which a subject may match
     */
    static Outcome check(Attestation a, List<SignedAttestation> envelopes, List<SortedMap<String, String>> identity) {
        String keyid = KeyId.of(a.key());
        AttestationVerifier verifier = new AttestationVerifier(a.key(), new Expectations(identity, null, null, null));
        TreeSet<String> known = new TreeSet<>();
        for (SortedMap<String, String> set : identity) {
            for (Map.Entry<String, String> e : set.entrySet()) {
                known.add("image digest " + e.getKey() + ":" + e.getValue());
            }
        }
        List<String> digests = new ArrayList<>(known);
        TreeSet<String> failures = new TreeSet<>();
        VerificationException furthest = null;
        for (SignedAttestation s : envelopes) {
            try {
                VerifiedProvenance v = verifier.verify(s);
                Check sig = new Check("signature", true, s.where() + " is signed by "
                        + "key " + keyid, List.of());
                Check sub = new Check("subject", true, "subject '"
                        + v.matchedSubject() + "' is this image", digests);
                return new Outcome(sig, sub, v);
            } catch (VerificationException e) {
                failures.add(s.where() + ": " + e.getMessage());
                // Of several envelopes (.intoto.jsonl), the one that got furthest says the most; the first on ties.
                if (furthest == null || e.step().ordinal() > furthest.step().ordinal()) {
                    furthest = e;
                }
            }
        }
        if (furthest == null) {
            return new Outcome(new Check("signature", false, "no attestation is attached to " + a.attachedTo(),
                    List.of()), new Check("subject", false, "not checked: no attestation", digests), null);
        }
        List<String> items = new ArrayList<>(failures);
        boolean signed = furthest.step().ordinal() > VerificationStep.SIGNATURE.ordinal();
        Check sig = signed
                ? new Check("signature", true, "signed by key " + keyid, List.of())
                : new Check("signature", false, "not verified with key " + keyid + ": "
                        + furthest.getMessage(), items);
        TreeSet<String> subjectItems = new TreeSet<>(known);
        subjectItems.addAll(failures);
        Check sub = signed
                ? new Check("subject", false, furthest.getMessage(), new ArrayList<>(subjectItems))
                : new Check("subject", false, "not checked: no attestation with a valid signature",
                        digests);
        return new Outcome(sig, sub, null);
    }
}
