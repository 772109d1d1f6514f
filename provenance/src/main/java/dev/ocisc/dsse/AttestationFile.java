package dev.ocisc.dsse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.graph.InvalidInputException;
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
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
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
            throw new InvalidInputException(file, "cannot read: " + e.getMessage());
        }
        JsonNode whole = null;
        try {
            whole = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // not one JSON document: try JSON Lines below
        }
        List<SignedAttestation> list = new ArrayList<>();
        try {
            if (whole != null && !whole.isMissingNode()) {
                list.add(one(whole, file.toString()));
                return list;
            }
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                String where = file + ":" + (i + 1);
                JsonNode n;
                try {
                    n = JSON.readTree(lines[i]);
                } catch (JsonProcessingException e) {
                    throw new InvalidInputException(where, "not JSON: " + e.getOriginalMessage());
                }
                list.add(one(n, where));
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, e.getMessage());
        }
        if (list.isEmpty()) {
            throw new InvalidInputException(file, "empty, expected a DSSE envelope or a Sigstore bundle");
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
