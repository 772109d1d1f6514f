package dev.ocisc.slsa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvenanceOptionsTest {
    private static String builder(Map<String, String> env) {
        return ProvenanceOptions.defaultBuilderId(env::get);
    }

    @Test
    void theBuilderIdComesFromTheEnvironmentThenCiThenLocal() {
        assertEquals("https://ci.example/b", builder(Map.of("OCISC_BUILDER_ID", " https://ci.example/b\n",
                "CI", "true")));
        assertEquals(ProvenanceOptions.CI_BUILDER, builder(Map.of("OCISC_BUILDER_ID", " ", "CI", "true")));
        assertEquals(ProvenanceOptions.LOCAL_BUILDER, builder(Map.of("CI", "false")));
        assertEquals(ProvenanceOptions.LOCAL_BUILDER, builder(Map.of("CI", "")));
        assertEquals(ProvenanceOptions.LOCAL_BUILDER, builder(Map.of()));
    }
}
