package dev.ocisc.slsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.failure.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one policy format of attest verify and verify image (docs/policy.md). */
class PolicyTest {
    @TempDir
    Path dir;

    private Policy read(String json) throws Exception {
        Path p = dir.resolve("policy.json");
        Files.writeString(p, json);
        return Policy.read(p);
    }

    private String refused(String json) {
        return assertThrows(InvalidInputException.class, () -> read(json)).getMessage();
    }

    @Test
    void builderIdsAreAListForAnyKeyOrListsByKeyid() throws Exception {
        Policy any = read("{\"allowed_builder_ids\": [\"https://ci.example/b\"]}");
        assertEquals(List.of("https://ci.example/b"), any.builderIdsFor("0123abcd"));
        Policy byKey = read("{\"allowed_builder_ids\": {\"0123abcd\": [\"https://ci.example/b\"], "
                + "\"*\": [\"https://ci.example/any\"]}}");
        assertEquals(List.of("https://ci.example/b"), byKey.builderIdsFor("0123abcd"));
        assertEquals(List.of("https://ci.example/any"), byKey.builderIdsFor("ffff"));
        assertNull(read("{\"allowed_builder_ids\": {\"0123abcd\": []}}").builderIdsFor("ffff"));
        assertTrue(refused("{\"allowed_builder_ids\": \"https://ci.example/b\"}")
                .endsWith("allowed_builder_ids must be an array of strings or an object of them by keyid"));
    }

    @Test
    void everyRuleOfBothCommandsReadsFromOneFile() throws Exception {
        Policy p = read("{\"allowed_builder_ids\": [\"b\"], \"allowed_build_types\": [\"t\"], "
                + "\"required_external_parameters\": {\"attribute\": null}, \"allowed_external_parameters\": "
                + "[\"attribute\", \"derivation\"], \"forbidden_licenses\": [\"GPL-3.0-only\"], "
                + "\"require_reproducible\": true}");
        assertEquals(List.of("t"), p.allowedBuildTypes());
        assertTrue(p.requiredExternalParameters().containsKey("attribute"));
        assertEquals(List.of("attribute", "derivation"), p.allowedExternalParameters());
        assertEquals(List.of("GPL-3.0-only"), p.forbiddenLicenses());
        assertTrue(p.requireReproducible());
        assertEquals(List.of("allowed_builder_ids", "allowed_build_types", "required_external_parameters",
                "allowed_external_parameters"), p.provenanceRules());
        assertEquals(List.of(), read("{\"forbidden_licenses\": []}").provenanceRules());
    }

    /** attest verify's camelCase keys from before the one format: refused, naming the key that replaces each. */
    @Test
    void theOldCamelCaseKeysAreRefusedWithTheirNewNames() {
        String m = refused("{\"builderIds\": {\"*\": [\"b\"]}}");
        assertEquals(dir.resolve("policy.json") + ": policy key 'builderIds' is now 'allowed_builder_ids' (one policy "
                + "format for attest verify and verify image, snake_case keys: docs/policy.md)", m);
        assertTrue(refused("{\"buildTypes\": []}").contains("'buildTypes' is now 'allowed_build_types'"));
        assertTrue(refused("{\"requiredExternalParameters\": {}}")
                .contains("'requiredExternalParameters' is now 'required_external_parameters'"));
        assertTrue(refused("{\"allowedExternalParameters\": []}")
                .contains("'allowedExternalParameters' is now 'allowed_external_parameters'"));
        assertTrue(refused("{\"builder_id\": []}").contains("unknown policy key 'builder_id' (known: "
                + "allowed_builder_ids, allowed_build_types, required_external_parameters, "
                + "allowed_external_parameters, forbidden_licenses, require_reproducible)"));
    }

    /** attest verify has no image: a rule that needs one would pass unchecked, so the policy is refused. */
    @Test
    void aCommandWithoutTheImageRefusesTheRulesThatNeedIt() throws Exception {
        Policy attestation = read("{\"allowed_builder_ids\": [\"b\"]}");
        assertSame(attestation, attestation.forAttestationOnly("attest verify"));
        UsageException e = assertThrows(UsageException.class, () -> read("{\"forbidden_licenses\": [\"GPL-3.0-only\"], "
                + "\"require_reproducible\": true}").forAttestationOnly("attest verify"));
        assertEquals("attest verify cannot apply the policy's forbidden_licenses and require_reproducible (they "
                + "need the image: use verify image)", e.getMessage());
    }
}
