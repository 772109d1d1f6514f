package dev.ocisc.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.graph.Graph;
import dev.ocisc.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentifiersAndMetaTest {
    @Test
    void cpeEscapingFollowsTheFormattedStringBinding() {
        assertEquals("cpe:2.3:a:*:openssl:3.0.8:*:*:*:*:*:*:*", Cpe.application(null, "openssl", "3.0.8"));
        assertEquals("cpe:2.3:a:*:perl5.36.0-authen-sasl:2.16:*:*:*:*:*:*:*",
                Cpe.application(null, "perl5.36.0-Authen-SASL", "2.16"));
        assertEquals("cpe:2.3:a:*:gtk\\+:3.24\\:1\\*:*:*:*:*:*:*:*", Cpe.application(null, "gtk+", "3.24:1*"));
        assertEquals("cpe:2.3:a:*:my_app:1.0:*:*:*:*:*:*:*", Cpe.application(null, "my app", "1.0"));
        assertNull(Cpe.application(null, "greeter.conf", ""));
    }

    static String license(String json) throws Exception {
        License l = NixpkgsMeta.license(new ObjectMapper().readTree(json));
        return l == null ? null : l.expression();
    }

    @Test
    void nixpkgsLicensesBecomeSpdxExpressions() throws Exception {
        assertEquals("MIT", license("{\"spdxId\":\"MIT\",\"shortName\":\"mit\"}"));
        assertEquals("MIT AND BSD-3-Clause", license("[{\"spdxId\":\"MIT\"},{\"spdxId\":\"BSD-3-Clause\"}]"));
        assertEquals("GPL-2.0-only OR MIT", license("{\"licenseType\":\"compound\",\"operator\":\"OR\","
                + "\"licenses\":[{\"spdxId\":\"GPL-2.0-only\"},{\"spdxId\":\"MIT\"}]}"));
        assertEquals("(Apache-2.0 OR MIT) AND Zlib", license("[{\"licenseType\":\"compound\",\"operator\":\"or\","
                + "\"licenses\":[{\"spdxId\":\"Apache-2.0\"},{\"spdxId\":\"MIT\"}]},{\"spdxId\":\"Zlib\"}]"));
        assertEquals("LicenseRef-nixpkgs-unfree", license("{\"shortName\":\"unfree\",\"fullName\":\"Unfree\"}"));
        assertEquals("LicenseRef-nixpkgs-Custom-license", license("\"Custom license\""));
        assertNull(license("null"));
        assertThrows(IllegalArgumentException.class, () -> license("{\"operator\":\"XOR\",\"licenses\":[\"a\"]}"));
    }

    @Test
    void metadataIsMatchedByPathAndNameAndAbsentMeansNoassertion() throws Exception {
        Sbom s = Fixture.sbom(Graph.Mode.RUNTIME, NixpkgsMeta.read(TestData.path("nix/meta.json")));
        Map<String, Component> byName = new java.util.HashMap<>();
        s.components().forEach(c -> byName.put(c.name(), c));
        Component app = byName.get("greeter");
        assertEquals("GPL-2.0-or-later OR MIT", app.license().expression());
        assertEquals("cpe:2.3:a:greeter_project:greeter:2.1.0:*:*:*:*:*:*:*", app.cpe());
        assertEquals("https://greeter.example.org/", app.homepage());
        assertEquals("Greets people, politely", app.description());
        assertEquals("MIT AND BSD-3-Clause", byName.get("libgreet").license().expression());
        assertEquals("MPL-2.0", byName.get("ca-bundle").license().expression());
        assertTrue(byName.get("greeter-assets").license().isNamedOnly());
        assertNull(byName.get("greeter.conf").license());

        String spdx = new String(Fixture.bytes(s, Format.SPDX_JSON), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(spdx.contains("\"licenseId\": \"LicenseRef-nixpkgs-unfree\""));
        String noMeta = new String(Fixture.bytes(Fixture.sbom(Graph.Mode.RUNTIME, NixpkgsMeta.none()), Format.SPDX_JSON),
                java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(noMeta.contains("\"licenseDeclared\": \"NOASSERTION\""));
        assertTrue(!noMeta.contains("\"licenseDeclared\": \"MIT"));
    }

    @Test
    void badMetadataNamesTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("meta.json");
        Files.writeString(f, "[1,2]");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NixpkgsMeta.read(f));
        assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
        // A license given twice would be MIT to one reader and GPL to another: the SBOM says neither.
        Files.writeString(f, "{\"greeter\": {\"meta\": {\"license\": {\"spdxId\": \"MIT\"},\n"
                + " \"license\": {\"spdxId\": \"GPL-3.0-only\"}}}}");
        assertEquals(f + ": duplicate key 'license' (line 2, column 11)",
                assertThrows(InvalidInputException.class, () -> NixpkgsMeta.read(f)).getMessage());
    }
}
