package dev.ocisc.slsa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.dsse.VerificationException;
import dev.ocisc.dsse.VerificationStep;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.json.StrictJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A release gate's rules for an attestation, from a JSON file (docs/buildtypes/nix-v1.md):
 * <pre>{
 *   "builderIds": {"KEYID or *": ["URI", ...]},       allowed builder ids per signing key
 *   "buildTypes": ["URI", ...],                          allowed build types
 *   "requiredExternalParameters": {"NAME": "VALUE" | null},  null: must be present, any value
 *   "allowedExternalParameters": ["NAME", ...]           when given, any other parameter is rejected
 * }</pre>
 * Absent fields allow anything. Unknown fields are an error, so that a typo cannot switch a rule off.
 */
public record Policy(
        SortedMap<String, List<String>> builderIds,
        List<String> buildTypes,
        SortedMap<String, String> requiredExternalParameters,
        List<String> allowedExternalParameters) {

    /** A policy is a few lines; a larger file is not one. */
    private static final long MAX_BYTES = 1 << 20;
    private static final Set<String> FIELDS = Set.of("builderIds", "buildTypes", "requiredExternalParameters",
            "allowedExternalParameters");

    public Policy {
        builderIds = builderIds == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(builderIds));
        buildTypes = buildTypes == null ? null : List.copyOf(buildTypes);
        requiredExternalParameters = requiredExternalParameters == null ? null
                : Collections.unmodifiableSortedMap(new TreeMap<>(requiredExternalParameters));
        allowedExternalParameters = allowedExternalParameters == null ? null : List.copyOf(allowedExternalParameters);
    }

    public static Policy none() {
        return new Policy(null, null, null, null);
    }

    public static Policy read(Path file) {
        // Strictly: with a key twice, a permissive rule after a strict one would silently win.
        JsonNode n = StrictJson.read(file, MAX_BYTES);
        if (!n.isObject()) {
            throw new InvalidInputException(file, "a policy must be a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new InvalidInputException(file, "unknown policy field '" + f + "' (known: " + FIELDS + ")");
            }
        }
        SortedMap<String, List<String>> builders = null;
        if (n.has("builderIds")) {
            builders = new TreeMap<>();
            JsonNode b = object(file, n, "builderIds");
            for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                builders.put(e.getKey(), strings(file, e.getValue(), "builderIds." + e.getKey()));
            }
        }
        SortedMap<String, String> required = null;
        if (n.has("requiredExternalParameters")) {
            required = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object(file, n, "requiredExternalParameters").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNull() && !e.getValue().isTextual()) {
                    throw new InvalidInputException(file, "requiredExternalParameters." + e.getKey()
                            + " must be a string or null");
                }
                required.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
            }
        }
        return new Policy(builders,
                n.has("buildTypes") ? strings(file, n.get("buildTypes"), "buildTypes") : null,
                required,
                n.has("allowedExternalParameters")
                        ? strings(file, n.get("allowedExternalParameters"), "allowedExternalParameters") : null);
    }

    /** Applies the rules to a verified statement signed by {@code keyid}. */
    void check(String keyid, String builderId, String buildType, Map<String, JsonNode> externalParameters) {
        if (builderIds != null) {
            List<String> allowed = builderIds.getOrDefault(keyid, builderIds.get("*"));
            if (allowed == null || !allowed.contains(builderId)) {
                throw new VerificationException(VerificationStep.POLICY, "builder id " + builderId + " is not allowed for key "
                        + keyid + " (allowed: " + (allowed == null ? "none" : allowed) + ")");
            }
        }
        if (buildTypes != null && !buildTypes.contains(buildType)) {
            throw new VerificationException(VerificationStep.POLICY, "build type " + buildType + " is not allowed (allowed: "
                    + buildTypes + ")");
        }
        if (requiredExternalParameters != null) {
            for (Map.Entry<String, String> r : requiredExternalParameters.entrySet()) {
                JsonNode v = externalParameters.get(r.getKey());
                if (v == null) {
                    throw new VerificationException(VerificationStep.POLICY, "externalParameters." + r.getKey() + " is missing");
                }
                if (r.getValue() != null && !(v.isTextual() && v.asText().equals(r.getValue()))) {
                    throw new VerificationException(VerificationStep.POLICY, "externalParameters." + r.getKey() + " is " + v
                            + ", the policy requires \"" + r.getValue() + "\"");
                }
            }
        }
        if (allowedExternalParameters != null) {
            List<String> unknown = new ArrayList<>();
            for (String k : new TreeMap<>(externalParameters).keySet()) {
                if (!allowedExternalParameters.contains(k)) {
                    unknown.add(k);
                }
            }
            if (!unknown.isEmpty()) {
                throw new VerificationException(VerificationStep.POLICY, "externalParameters " + unknown
                        + " are not allowed (allowed: " + allowedExternalParameters + ")");
            }
        }
    }

    private static JsonNode object(Path file, JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (!v.isObject()) {
            throw new InvalidInputException(file, field + " must be a JSON object");
        }
        return v;
    }

    private static List<String> strings(Path file, JsonNode v, String field) {
        if (!v.isArray()) {
            throw new InvalidInputException(file, field + " must be an array of strings");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode x : v) {
            if (!x.isTextual()) {
                throw new InvalidInputException(file, field + " must be an array of strings");
            }
            list.add(x.asText());
        }
        return list;
    }
}
