package dev.ocisc.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.ocisc.testing.Tools;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipFile;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.XmlParser;

/** Validators that ocisc did not write: the CycloneDX project's schemas, SPDX tools-java and the SPDX schema. */
public final class Validators {
    private Validators() {
    }

    public static Path spdxToolsJar() {
        Path jar = Path.of(System.getProperty("ocisc.root"), "sbom/target/tools/spdx-tools-java.jar");
        assertTrue(Files.isRegularFile(jar), "the build copies SPDX tools-java to " + jar);
        return jar;
    }

    /** Problems the CycloneDX 1.6 JSON schema finds, plus dangling and duplicate refs (which it cannot see). */
    public static List<String> cycloneDxJson(Path file) throws Exception {
        List<String> problems = new ArrayList<>();
        for (ParseException e : new JsonParser().validate(file.toFile(), Version.VERSION_16)) {
            problems.add(e.getMessage());
        }
        problems.addAll(refProblems(new ObjectMapper().readTree(file.toFile())));
        return problems;
    }

    public static List<String> cycloneDxXml(Path file) throws Exception {
        List<String> problems = new ArrayList<>();
        for (ParseException e : new XmlParser().validate(file.toFile(), Version.VERSION_16)) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    /** Every bom-ref unique; every dependency ref and dependsOn target a declared bom-ref. */
    public static List<String> refProblems(JsonNode bom) {
        List<String> problems = new ArrayList<>();
        Set<String> refs = new HashSet<>();
        List<JsonNode> components = new ArrayList<>();
        components.add(bom.path("metadata").path("component"));
        bom.path("components").forEach(components::add);
        for (JsonNode c : components) {
            if (!refs.add(c.path("bom-ref").asText())) {
                problems.add("duplicate bom-ref " + c.path("bom-ref").asText());
            }
        }
        Set<String> depRefs = new HashSet<>();
        for (JsonNode d : bom.path("dependencies")) {
            if (!refs.contains(d.path("ref").asText())) {
                problems.add("dependency of undeclared ref " + d.path("ref").asText());
            }
            if (!depRefs.add(d.path("ref").asText())) {
                problems.add("two dependency entries for " + d.path("ref").asText());
            }
            for (JsonNode t : d.path("dependsOn")) {
                if (!refs.contains(t.asText())) {
                    problems.add("dangling dependsOn " + t.asText());
                }
            }
        }
        return problems;
    }

    /** SPDX tools-java {@code Verify}, run as its own process, offline. */
    public static Tools.Result spdxVerify(Path file) {
        return Tools.run(null, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-DSPDXParser.OnlyUseLocalLicenses=true", "-Dorg.spdx.useJARLicenseInfoOnly=true",
                "-jar", spdxToolsJar().toString(), "Verify", file.toString()));
    }

    public static void assertSpdxValid(Path file) {
        Tools.Result r = spdxVerify(file);
        assertEquals(0, r.exitCode(), file + ": " + r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("This SPDX Document is valid."), r.stdout() + r.stderr());
    }

    /** The SPDX 2.3 JSON schema, as shipped inside tools-java. */
    public static Set<ValidationMessage> spdxSchema(Path file) throws Exception {
        try (ZipFile zip = new ZipFile(spdxToolsJar().toFile());
                InputStream in = zip.getInputStream(zip.getEntry("resources/spdx-schema-v2.3.json"))) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
            return schema.validate(new ObjectMapper().readTree(file.toFile()));
        }
    }
}
