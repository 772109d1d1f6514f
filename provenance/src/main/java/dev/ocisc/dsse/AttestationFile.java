package dev.ocisc.dsse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.json.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@code ocisc attest verify} is given: a Sigstore bundle, one DSSE envelope (pretty or not), or an
 * {@code .intoto.jsonl} file with one envelope per line. Anything else is bad input (exit 3), never "not
 * verified".
 */
public final class AttestationFile {
    /** Attestations of 10,000-derivation closures are a few MB; far larger is not an attestation. */
    private static final long MAX_BYTES = 256L << 20;

    private AttestationFile() {
    }

    public static List<SignedAttestation> read(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidInputException(file, "larger than " + MAX_BYTES + " bytes, not an attestation");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw InvalidInputException.unreadable(file, e);
        }
        return parse(text, file.toString());
    }

    /** The attestations of a document read from elsewhere (a registry); {@code where} names it in messages. */
    public static List<SignedAttestation> parse(byte[] content, String where) {
        if (content.length > MAX_BYTES) {
            throw new InvalidInputException(where, "larger than " + MAX_BYTES + " bytes, not an attestation");
        }
        return parse(new String(content, StandardCharsets.UTF_8), where);
    }

    /** Whether a document is a Sigstore bundle (else envelopes); it must be one {@link #parse} accepts. */
    public static boolean isBundle(byte[] content, String where) {
        List<StrictJson.Value> values = StrictJson.parseSequence(new String(content, StandardCharsets.UTF_8), where);
        return values.size() == 1 && SigstoreBundle.looksLike(values.get(0).node());
    }

    private static List<SignedAttestation> parse(String text, String where) {
        // One document (pretty or not), or JSON Lines: either way a sequence of values, each read strictly, so
        // that a duplicate key is refused as such wherever it is.
        List<StrictJson.Value> values = StrictJson.parseSequence(text, where);
        if (values.isEmpty()) {
            throw new InvalidInputException(where, "empty, expected a DSSE envelope or a Sigstore bundle");
        }
        List<SignedAttestation> list = new ArrayList<>();
        for (StrictJson.Value v : values) {
            list.add(one(v.node(), values.size() == 1 ? where : where + ":" + v.line()));
        }
        return list;
    }
    private static SignedAttestation one(JsonNode n, String where) {
        try {
            if (SigstoreBundle.looksLike(n)) {
                SigstoreBundle b = SigstoreBundle.read(n);
                return new SignedAttestation(b.envelope(), b.hint(), where);
            }
            return new SignedAttestation(EnvelopeJson.read(n), null, where);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where, e.getMessage());
        }
    }
}
