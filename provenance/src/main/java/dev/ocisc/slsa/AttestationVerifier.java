package dev.ocisc.slsa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.dsse.Envelope;
import dev.ocisc.dsse.EnvelopeVerifier;
import dev.ocisc.dsse.KeyId;
import dev.ocisc.dsse.SignedAttestation;
import dev.ocisc.dsse.VerificationException;
import dev.ocisc.dsse.VerificationStep;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.json.StrictJson;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The release gate: signature over the PAE first, then only the verified bytes are parsed and checked as an
 * in-toto Statement v1 with SLSA provenance v1 about the artifact, from the expected builder.
 */
public final class AttestationVerifier {
    /**
     * Digest algorithms accepted when matching subjects, with the hex length of their values; weaker ones are
     * ignored, as the in-toto spec asks.
     */
    private static final Map<String, Integer> ACCEPTED = Map.of("sha256", 64, "sha384", 96, "sha512", 128,
            ArtifactDigest.DIR_HASH, 64, NixProvenance.NAR_SHA256, 64);

    private final PublicKey key;
    private final Expectations expect;

    public AttestationVerifier(PublicKey key, Expectations expect) {
        this.key = key;
        this.expect = expect;
    }

    /** The hex length of {@code algorithm}'s digests when subjects are matched by it; empty when they never are. */
    static java.util.OptionalInt hexLength(String algorithm) {
        Integer n = ACCEPTED.get(algorithm);
        return n == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(n);
    }

    /** The digest algorithms subjects are matched by, sorted. */
    static java.util.SortedSet<String> algorithms() {
        return new java.util.TreeSet<>(ACCEPTED.keySet());
    }

    /**
     * What verifying the attestations of one file found: the first that passed every check, or why each failed.
     *
     * @param failures for each attestation, in file order: where it is, the step that failed and the values seen
     */
    public record Outcome(SignedAttestation attestation, VerifiedProvenance verified, List<String> failures) {
        public Outcome {
            failures = List.copyOf(failures);
        }
    }

    /** The first of {@code all} that passes every check, else every one's failure: one verified is enough. */
    public Outcome verifyFirst(List<SignedAttestation> all) {
        List<String> failures = new ArrayList<>();
        for (SignedAttestation a : all) {
            try {
                return new Outcome(a, verify(a), failures);
            } catch (VerificationException e) {
                failures.add(a.where() + ": " + e.getMessage());
            }
        }
        return new Outcome(null, null, failures);
    }

    /** @throws VerificationException naming the first check that failed and the values seen */
    public VerifiedProvenance verify(SignedAttestation a) {
        byte[] payload;
        try {
            payload = new EnvelopeVerifier(key).verify(a.envelope(), Envelope.IN_TOTO);
        } catch (VerificationException e) {
            // A bundle's hint is as unsigned as a keyid (the key is what counts), but it helps to explain a failure.
            if (a.hint() == null || e.step() != VerificationStep.SIGNATURE) {
                throw e;
            }
            throw new VerificationException(VerificationStep.SIGNATURE, e.detail() + ", the bundle's publicKey.hint "
                    + a.hint());
        }
        JsonNode st;
        try {
            // Strictly: a duplicate key or bytes after the statement would let another reader of the same signed
            // bytes see another statement.
            st = StrictJson.parse(payload, "the signed payload");
        } catch (InvalidInputException e) {
            throw new VerificationException(VerificationStep.STATEMENT, e.getMessage());
        }
        if (!st.isObject()) {
            throw new VerificationException(VerificationStep.STATEMENT, "the signed payload is not a JSON object");
        }
        String type = st.path("_type").asText("");
        if (!type.equals(Statement.TYPE)) {
            throw new VerificationException(VerificationStep.STATEMENT, "_type is '" + type + "', expected "
                    + Statement.TYPE);
        }
        String predicateType = st.path("predicateType").asText("");
        if (!predicateType.equals(Provenance.PREDICATE_TYPE)) {
            throw new VerificationException(VerificationStep.PREDICATE_TYPE,
                    "'" + predicateType + "', expected " + Provenance.PREDICATE_TYPE);
        }
        List<String> names = new ArrayList<>();
        String matched = null;
        JsonNode subjects = st.path("subject");
        if (!subjects.isArray() || subjects.isEmpty()) {
            throw new VerificationException(VerificationStep.STATEMENT, "the statement has no subject");
        }
        for (JsonNode s : subjects) {
            String name = s.path("name").asText("");
            names.add(name);
            if (matched == null && expect.artifactDigests() != null && matches(s.path("digest"))) {
                matched = name;
            }
        }
        if (expect.artifactDigests() != null && matched == null) {
            throw new VerificationException(VerificationStep.SUBJECT, "the artifact's " + expect.artifactDigests()
                    + " matches none of the " + names.size() + " subjects " + digests(subjects));
        }
        JsonNode predicate = st.path("predicate");
        String builderId = predicate.path("runDetails").path("builder").path("id").asText("");
        String buildType = predicate.path("buildDefinition").path("buildType").asText("");
        if (expect.builderId() != null && !expect.builderId().equals(builderId)) {
            throw new VerificationException(VerificationStep.BUILDER_ID, "expected " + expect.builderId()
                    + ", the attestation says '" + builderId + "'");
        }
        if (expect.buildType() != null && !expect.buildType().equals(buildType)) {
            throw new VerificationException(VerificationStep.BUILD_TYPE, "expected " + expect.buildType()
                    + ", the attestation says '" + buildType + "'");
        }
        SortedMap<String, JsonNode> external = new TreeMap<>();
        JsonNode ext = predicate.path("buildDefinition").path("externalParameters");
        for (Iterator<Map.Entry<String, JsonNode>> it = ext.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            external.put(e.getKey(), e.getValue());
        }
        // The policy's rules for a key apply to the key that verified the signature, named by our own id for it;
        // the keyid an envelope claims is unsigned and must not pick the rules it is judged by.
        String keyid = KeyId.of(key);
        expect.policy().check(keyid, builderId, buildType, external);
        return new VerifiedProvenance(keyid, names, builderId, buildType, matched, external);
    }

    private boolean matches(JsonNode digest) {
        for (Map<String, String> set : expect.artifactDigests()) {
            for (Map.Entry<String, String> want : set.entrySet()) {
                JsonNode have = digest.get(want.getKey());
                if (ACCEPTED.containsKey(want.getKey()) && have != null && have.isTextual()
                        && have.asText().toLowerCase(Locale.ROOT).equals(want.getValue().toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String digests(JsonNode subjects) {
        List<String> seen = new ArrayList<>();
        for (JsonNode s : subjects) {
            seen.add(s.path("digest").toString());
            if (seen.size() == 3) {
                seen.add("...");
                break;
            }
        }
        return seen.toString();
    }
}
