package dev.ocisc.slsa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.dsse.VerificationException;
import dev.ocisc.dsse.VerificationStep;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.failure.UsageException;
import dev.ocisc.json.StrictJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A release policy, from a JSON file (docs/policy.md), the one format {@code attest verify --policy} and
 * {@code verify image --policy} read:
 * <pre>{
 *   "allowed_builder_ids": ["URI", ...] | {"KEYID or *": ["URI", ...]},  any key, or per signing key
 *   "allowed_build_types": ["URI", ...],
 *   "required_external_parameters": {"NAME": "VALUE" | null},   null: must be present, any value
 *   "allowed_external_parameters": ["NAME", ...],               when given, any other parameter is rejected
 *   "forbidden_licenses": ["SPDX-ID", ...],                     verify image: the SBOM and the image's packages
 *   "require_reproducible": true                                verify image: against --rebuild
 * }</pre>
 * Absent keys allow anything. Unknown keys are an error, so that a typo cannot switch a rule off; so are the
 * camelCase keys attest verify read before policies had one format, with the key that replaces each.
 *
 * @param allowedBuilderIds builder ids by the keyid of the key that verified the signature, {@code *} for any
 *                          key; null: any builder
 */
public record Policy(
        SortedMap<String, List<String>> allowedBuilderIds,
        List<String> allowedBuildTypes,
        SortedMap<String, String> requiredExternalParameters,
        List<String> allowedExternalParameters,
        List<String> forbiddenLicenses,
        boolean requireReproducible) {

    /** A policy is a few lines; a larger file is not one. */
    private static final long MAX_BYTES = 1 << 20;
    /** The keys, in the order the documentation lists them. */
    private static final List<String> KEYS = List.of("allowed_builder_ids", "allowed_build_types",
            "required_external_parameters", "allowed_external_parameters", "forbidden_licenses",
            "require_reproducible");
    /** attest verify's keys before policies had one format (and one key style), and what replaced them. */
    private static final Map<String, String> RENAMED = Map.of("builderIds", "allowed_builder_ids",
            "buildTypes", "allowed_build_types", "requiredExternalParameters", "required_external_parameters",
            "allowedExternalParameters", "allowed_external_parameters");

    public Policy {
        allowedBuilderIds = allowedBuilderIds == null ? null
                : Collections.unmodifiableSortedMap(new TreeMap<>(allowedBuilderIds));
        allowedBuildTypes = allowedBuildTypes == null ? null : List.copyOf(allowedBuildTypes);
        requiredExternalParameters = requiredExternalParameters == null ? null
                : Collections.unmodifiableSortedMap(new TreeMap<>(requiredExternalParameters));
        allowedExternalParameters = allowedExternalParameters == null ? null : List.copyOf(allowedExternalParameters);
        forbiddenLicenses = forbiddenLicenses == null ? List.of() : List.copyOf(forbiddenLicenses);
    }

    public static Policy none() {
        return new Policy(null, null, null, null, null, false);
    }

    public static Policy read(Path file) {
        // Strictly: with a key twice, a permissive rule after a strict one would silently win.
        JsonNode n = StrictJson.read(file, MAX_BYTES);
        if (!n.isObject()) {
            throw new InvalidInputException(file, "a policy is a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (RENAMED.containsKey(k)) {
                throw new InvalidInputException(file, "policy key '" + k + "' is now '" + RENAMED.get(k)
                        + "' (one policy format for attest verify and verify image, snake_case keys: docs/policy.md)");
            }
            if (!KEYS.contains(k)) {
                throw new InvalidInputException(file, "unknown policy key '" + k + "' (known: "
                        + String.join(", ", KEYS) + ")");
            }
        }
        SortedMap<String, List<String>> builders = null;
        JsonNode b = n.get("allowed_builder_ids");
        if (b != null && b.isObject()) {
            builders = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                builders.put(e.getKey(), strings(file, e.getValue(), "allowed_builder_ids." + e.getKey()));
            }
        } else if (b != null) {
            if (!b.isArray()) {
                throw new InvalidInputException(file, "allowed_builder_ids must be an array of strings or an object "
                        + "of them by keyid");
            }
            builders = new TreeMap<>(Map.of("*", strings(file, b, "allowed_builder_ids")));
        }
        SortedMap<String, String> required = null;
        JsonNode r = n.get("required_external_parameters");
        if (r != null) {
            if (!r.isObject()) {
                throw new InvalidInputException(file, "required_external_parameters must be a JSON object");
            }
            required = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNull() && !e.getValue().isTextual()) {
                    throw new InvalidInputException(file, "required_external_parameters." + e.getKey()
                            + " must be a string or null");
                }
                required.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
            }
        }
        JsonNode rr = n.path("require_reproducible");
        if (!rr.isMissingNode() && !rr.isBoolean()) {
            throw new InvalidInputException(file, "require_reproducible must be true or false");
        }
        return new Policy(builders, optionalStrings(file, n, "allowed_build_types"), required,
                optionalStrings(file, n, "allowed_external_parameters"),
                optionalStrings(file, n, "forbidden_licenses"), rr.asBoolean(false));
    }

    /**
     * This policy, for a command that has only an attestation to judge ({@code attest verify}): the rules that
     * need the image itself would otherwise pass unchecked.
     */
    public Policy forAttestationOnly(String command) {
        List<String> needImage = new ArrayList<>();
        if (!forbiddenLicenses.isEmpty()) {
            needImage.add("forbidden_licenses");
        }
        if (requireReproducible) {
            needImage.add("require_reproducible");
        }
        if (!needImage.isEmpty()) {
            throw new UsageException(command + " cannot apply the policy's " + String.join(" and ", needImage)
                    + " (they need the image: use verify image)");
        }
        return this;
    }

    /** The keys of the rules set that judge what a verified attestation says: builder, build type, parameters. */
    public List<String> provenanceRules() {
        List<String> keys = new ArrayList<>();
        if (allowedBuilderIds != null) {
            keys.add("allowed_builder_ids");
        }
        if (allowedBuildTypes != null) {
            keys.add("allowed_build_types");
        }
        if (requiredExternalParameters != null) {
            keys.add("required_external_parameters");
        }
        if (allowedExternalParameters != null) {
            keys.add("allowed_external_parameters");
        }
        return keys;
    }

    /** The builder ids allowed for the key {@code keyid}, or null when there is no rule for it. */
    public List<String> builderIdsFor(String keyid) {
        return allowedBuilderIds == null ? null : allowedBuilderIds.getOrDefault(keyid, allowedBuilderIds.get("*"));
    }

    /** Applies the rules to a verified statement signed by {@code keyid}. */
    public void check(String keyid, String builderId, String buildType, Map<String, JsonNode> externalParameters) {
        if (allowedBuilderIds != null) {
            List<String> allowed = builderIdsFor(keyid);
            if (allowed == null || !allowed.contains(builderId)) {
                throw new VerificationException(VerificationStep.POLICY, "builder id " + builderId
                        + " is not allowed for key " + keyid + " (allowed: " + (allowed == null ? "none" : allowed)
                        + ")");
            }
        }
        checkBuild(buildType, externalParameters);
    }

    /** The rules on the build type and the external parameters. */
    public void checkBuild(String buildType, Map<String, JsonNode> externalParameters) {
        if (allowedBuildTypes != null && !allowedBuildTypes.contains(buildType)) {
            throw new VerificationException(VerificationStep.POLICY, "build type " + buildType
                    + " is not allowed (allowed: " + allowedBuildTypes + ")");
        }
        if (requiredExternalParameters != null) {
            for (Map.Entry<String, String> r : requiredExternalParameters.entrySet()) {
                JsonNode v = externalParameters.get(r.getKey());
                if (v == null) {
                    throw new VerificationException(VerificationStep.POLICY, "externalParameters." + r.getKey()
                            + " is missing");
                }
                if (r.getValue() != null && !(v.isTextual() && v.asText().equals(r.getValue()))) {
                    throw new VerificationException(VerificationStep.POLICY, "externalParameters." + r.getKey()
                            + " is " + v + ", the policy requires \"" + r.getValue() + "\"");
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

    private static List<String> optionalStrings(Path file, JsonNode n, String key) {
        return n.has(key) ? strings(file, n.get(key), key) : null;
    }

    private static List<String> strings(Path file, JsonNode v, String key) {
        if (!v.isArray()) {
            throw new InvalidInputException(file, key + " must be an array of strings");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode x : v) {
            if (!x.isTextual()) {
                throw new InvalidInputException(file, key + " must be an array of strings");
            }
            list.add(x.asText());
        }
        return list;
    }
}
