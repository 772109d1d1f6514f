package dev.ocisc.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.json.StrictJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The release policy (docs/verify-image.md): {@code {"forbidden_licenses": ["GPL-3.0-only", ...],
 * "allowed_builder_ids": ["https://..."], "require_reproducible": true}}. Unknown keys are refused, so that a
 * misspelled rule is an error rather than a rule silently not applied.
 */
public record Policy(List<String> forbiddenLicenses, List<String> allowedBuilderIds, boolean requireReproducible) {
    public static final Policy NONE = new Policy(List.of(), List.of(), false);
    /** A policy is a few lines; a larger file is not one. */
    private static final long MAX_BYTES = 1 << 20;
    private static final Set<String> KEYS = Set.of("forbidden_licenses", "allowed_builder_ids",
            "require_reproducible");

    public Policy {
        forbiddenLicenses = List.copyOf(forbiddenLicenses);
        allowedBuilderIds = List.copyOf(allowedBuilderIds);
    }

    public static Policy read(Path file) {
        String src = file.toString();
        // Strictly: with a rule twice, a permissive value after a strict one would silently win.
        JsonNode n = StrictJson.read(file, MAX_BYTES);
        if (!n.isObject()) {
            throw new InvalidInputException(src, "a policy is a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new InvalidInputException(src, "unknown policy key '" + k + "' (known: forbidden_licenses, "
                        + "allowed_builder_ids, require_reproducible)");
            }
        }
        JsonNode rr = n.path("require_reproducible");
        if (!rr.isMissingNode() && !rr.isBoolean()) {
            throw new InvalidInputException(src, "require_reproducible must be true or false");
        }
        return new Policy(strings(n, "forbidden_licenses", src), strings(n, "allowed_builder_ids", src),
                rr.asBoolean(false));
    }

    private static List<String> strings(JsonNode n, String key, String src) {
        JsonNode a = n.get(key);
        List<String> out = new ArrayList<>();
        if (a == null) {
            return out;
        }
        if (!a.isArray()) {
            throw new InvalidInputException(src, key + " must be an array of strings");
        }
        for (JsonNode s : a) {
            if (!s.isTextual()) {
                throw new InvalidInputException(src, key + " must be an array of strings");
            }
            out.add(s.asText());
        }
        return out;
    }
}
