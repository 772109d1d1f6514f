package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocisc.dsse.Envelope;
import dev.ocisc.dsse.EnvelopeJson;
import dev.ocisc.dsse.PemKeys;
import dev.ocisc.dsse.Signer;
import dev.ocisc.dsse.SigningKey;
import dev.ocisc.failure.ExitCode;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JSON that means one thing to ocisc and another to some other reader, or that used to crash it, given to the
 * commands in-process: a document ocisc is handed is bad input (exit 3), a signed statement is "not verified"
 * (exit 1); each time one line, no stack trace.
 */
class HostileJsonTest {
    static final String RESULT = TestData.path("nix/result").toString();
    static final String STORE = TestData.nixStore().toString();
    static final String BUILDER = "https://ci.example.org/builder/v1";

    @TempDir
    static Path dir;
    static Path key;
    static String envelope;
    static String statement;

    /** One line, no stack trace, no internal error. */
    static void oneLine(Tools.Result r, int code, String... fragments) {
        CliIT.assertOneLineError(r, code, fragments);
        assertFalse(r.stderr().contains("internal error") || r.stderr().contains("\tat "), r.stderr());
    }

    @BeforeAll
    static void sign() throws Exception {
        key = dir.resolve("ci");
        assertEquals(0, Ocisc.inProcess("keygen", "-o", key.toString()).exitCode());
        Path env = dir.resolve("genuine.intoto.jsonl");
        Tools.Result r = Ocisc.inProcess("provenance", RESULT, "--store", STORE, "--builder-id", BUILDER,
                "--sign", key + ".key", "-o", env.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        envelope = Files.readString(env).strip();
        assertEquals(0, Ocisc.inProcess("attest", "verify", env.toString(), "--key", key + ".pub").exitCode());
        statement = Ocisc.inProcess("provenance", RESULT, "--store", STORE, "--builder-id", BUILDER).stdout();
    }

    static Path write(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    /** {@code statement} signed by the real key: only what the statement says can be wrong with it. */
    static String signed(String statement) throws Exception {
        SigningKey k = PemKeys.readPrivate(Files.readString(Path.of(key + ".key")));
        return new String(EnvelopeJson.write(new Signer(k).sign(Envelope.IN_TOTO,
                statement.getBytes(StandardCharsets.UTF_8))), StandardCharsets.UTF_8);
    }

    @Test
    void attestVerifyRefusesAnEnvelopeWithAKeyTwice() throws Exception {
        String forged = Base64.getEncoder().encodeToString(statement.replace(BUILDER, "https://evil.example/b")
                .getBytes(StandardCharsets.UTF_8));
        Path f = write("payload-twice.intoto.jsonl", envelope.replace("{\"payload\":",
                "{\"payload\":\"" + forged + "\",\"payload\":") + "\n");
        Tools.Result r = Ocisc.inProcess("attest", "verify", f.toString(), "--key", key + ".pub");
        oneLine(r, ExitCode.BAD_INPUT, f + ": duplicate key 'payload' (line 1, column ");
        assertEquals("", r.stdout());
        Path t = write("type-twice.intoto.jsonl", envelope.replace("\"payloadType\":",
                "\"payloadType\":\"text/plain\",\"payloadType\":"));
        oneLine(Ocisc.inProcess("attest", "verify", t.toString(), "--key", key + ".pub"), ExitCode.BAD_INPUT,
                t + ": duplicate key 'payloadType'");
    }

    @Test
    void attestVerifyDoesNotVerifyASignedStatementWithAKeyTwiceOrBytesAfterIt() throws Exception {
        String twice = statement.replaceFirst("\"predicateType\" ?:",
                "\"predicateType\": \"https://evil.example/predicate\", \"predicateType\":");
        Path f = write("statement-twice.intoto.jsonl", signed(twice));
        oneLine(Ocisc.inProcess("attest", "verify", f.toString(), "--key", key + ".pub"), ExitCode.FOUND,
                "ocisc: not verified: " + f + ": statement: the signed payload: duplicate key 'predicateType'");
        Path t = write("trailing.intoto.jsonl", signed(statement + "{}"));
        oneLine(Ocisc.inProcess("attest", "verify", t.toString(), "--key", key + ".pub"), ExitCode.FOUND,
                "ocisc: not verified: " + t + ": statement: the signed payload: trailing data after the JSON value");
    }

    @Test
    void attestVerifyRefusesAPolicyWithAKeyTwice() throws Exception {
        Path p = write("policy.json", "{\"allowed_builder_ids\": {\"*\": [\"https://strict.example/only\"]},\n"
                + " \"allowed_builder_ids\": {\"*\": [\"" + BUILDER + "\"]}}\n");
        Path env = write("genuine.json", envelope);
        oneLine(Ocisc.inProcess("attest", "verify", env.toString(), "--key", key + ".pub", "--policy", p.toString()),
                ExitCode.BAD_INPUT, p + ": duplicate key 'allowed_builder_ids' (line 2, column ");
    }

    /** One policy format (docs/policy.md): the old camelCase keys and rules attest verify cannot apply are refused. */
    @Test
    void attestVerifyRefusesOldPolicyKeysAndRulesThatNeedTheImage() throws Exception {
        Path env = write("genuine.json", envelope);
        Path old = write("old-policy.json", "{\"builderIds\": {\"*\": [\"" + BUILDER + "\"]}}");
        oneLine(Ocisc.inProcess("attest", "verify", env.toString(), "--key", key + ".pub", "--policy", old.toString()),
                ExitCode.BAD_INPUT, old + ": policy key 'builderIds' is now 'allowed_builder_ids'");
        Path gate = write("gate-rules.json", "{\"allowed_builder_ids\": [\"" + BUILDER + "\"], "
                + "\"require_reproducible\": true}");
        oneLine(Ocisc.inProcess("attest", "verify", env.toString(), "--key", key + ".pub", "--policy", gate.toString()),
                ExitCode.USAGE, "ocisc: attest verify cannot apply the policy's require_reproducible (they need the "
                        + "image: use verify image)");
        Path shared = write("shared-rules.json", "{\"allowed_builder_ids\": [\"" + BUILDER + "\"], "
                + "\"allowed_build_types\": [\"https://ocisc.dev/buildtypes/nix/v1\"]}");
        Tools.Result ok = Ocisc.inProcess("attest", "verify", env.toString(), "--key", key + ".pub", "--policy",
                shared.toString());
        assertEquals(ExitCode.OK, ok.exitCode(), ok.stderr());
    }

    @Test
    void verifyImageAndReportRefuseAPolicyOrAnSbomWithAKeyTwice() throws Exception {
        String image = TestData.path("oci/debian").toString();
        Path p = write("gate-policy.json", "{\"forbidden_licenses\": [\"GPL-3.0-only\"], \"forbidden_licenses\": []}");
        oneLine(Ocisc.inProcess("verify", "image", image, "--policy", p.toString()), ExitCode.BAD_INPUT,
                p + ": duplicate key 'forbidden_licenses' (line 1, column ");
        Path sbom = write("twice.cdx.json", "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\",\n"
                + " \"components\": [], \"components\": []}");
        oneLine(Ocisc.inProcess("verify", "image", image, "--sbom", sbom.toString()), ExitCode.BAD_INPUT,
                sbom + ": duplicate key 'components' (line 2, column ");
        Tools.Result report = Ocisc.inProcess("report", sbom.toString());
        oneLine(report, ExitCode.BAD_INPUT, sbom + ": duplicate key 'components' (line 2, column ");
        assertEquals("", report.stdout(), "no partial page");
    }

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DRV = "/nix/store/4cffihim26cmsxpkmrrvsiv71nzr4gaj-greeter-assets-0.2.drv";

    /**
     * A fixture of testdata/nix changed by {@code edit}, which is given the nodes: the array or object of path
     * infos (keyed by path when the name says "object", as newer Nix writes them), or the derivations.
     */
    record Variant(String name, String fixture, Consumer<JsonNode> edit, String expected) {
        @Override
        public String toString() {
            return name;
        }

        Path write() throws Exception {
            JsonNode root = JSON.readTree(TestData.path("nix/" + fixture).toFile());
            if (name.startsWith("pi-object-")) {
                ObjectNode byPath = JSON.createObjectNode();
                root.forEach(e -> byPath.set(e.get("path").asText(), e));
                root = byPath;
            }
            edit.accept(root.has("derivations") ? root.get("derivations") : root);
            Path f = dir.resolve(name + ".json");
            Files.writeString(f, JSON.writeValueAsString(root));
            return f;
        }
    }

    /** The last key of the nodes: the first one tells which kind of graph JSON it is. */
    static String lastKey(JsonNode nodes) {
        String last = null;
        for (java.util.Iterator<String> it = nodes.fieldNames(); it.hasNext(); ) {
            last = it.next();
        }
        return last;
    }

    /** The first node, to be changed. */
    static ObjectNode first(JsonNode nodes) {
        return (ObjectNode) (nodes.isArray() ? nodes.get(0) : nodes.elements().next());
    }

    static Variant first(String name, String fixture, Consumer<ObjectNode> edit, String expected) {
        return new Variant(name, fixture, nodes -> edit.accept(first(nodes)), expected);
    }

    static List<Variant> wrongTypes() {
        String pi = "path-info.json";
        String ds = "derivation-show.json";
        String v4 = "derivation-show-v4.json";
        return List.of(
                first("pi-references-number", pi, n -> n.put("references", 7),
                        "references is a number, expected an array of strings"),
                first("pi-references-items", pi, n -> n.putArray("references").add(1).addObject(),
                        "references holds a number, expected an array of strings"),
                first("pi-deriver-array", pi, n -> n.putArray("deriver"), "deriver is an array, expected a string"),
                first("pi-narsize-string", pi, n -> n.put("narSize", "big"),
                        "narSize is a string, expected an integer"),
                first("pi-valid-string", pi, n -> n.put("valid", "no"), "valid is a string, expected true or false"),
                first("pi-object-references-string", pi, n -> n.put("references", "x"),
                        "references is a string, expected an array of strings"),
                new Variant("pi-object-node-array", pi, nodes -> ((ObjectNode) nodes).putArray(lastKey(nodes)),
                        "is an array, expected an object"),
                first("ds-inputdrvs-string", ds, n -> n.put("inputDrvs", "x"),
                        "inputDrvs is a string, expected an object"),
                first("ds-inputdrvs-value-number", ds, n -> n.putObject("inputDrvs").put(DRV, 5),
                        "is a number, expected an array of strings"),
                first("ds-inputsrcs-number", ds, n -> n.put("inputSrcs", 5),
                        "inputSrcs is a number, expected an array of strings"),
                first("ds-outputs-array", ds, n -> n.putArray("outputs").add(1),
                        "outputs is an array, expected an object"),
                first("ds-output-number", ds, n -> n.putObject("outputs").put("out", 5),
                        "output 'out' is a number, expected an object"),
                first("ds-output-path-number", ds, n -> ((ObjectNode) n.get("outputs").get("out")).put("path", 5),
                        "path is a number, expected a string"),
                first("ds-env-array", ds, n -> n.putArray("env"), "env is an array, expected an object"),
                first("ds-env-value-object", ds, n -> n.putObject("env").putObject("name"),
                        "env 'name' is an object, expected a string"),
                first("ds-args-object", ds, n -> n.putObject("args"),
                        "args is an object, expected an array of strings"),
                new Variant("ds-node-number", ds, nodes -> ((ObjectNode) nodes).put(lastKey(nodes), 5),
                        "is a number, expected an object"),
                first("v4-inputs-string", v4, n -> n.put("inputs", "x"), "inputs is a string, expected an object"),
                first("v4-inputs-drvs-array", v4, n -> n.putObject("inputs").putArray("drvs"),
                        "drvs is an array, expected an object"),
                first("v4-inputs-drv-outputs-string", v4, n -> n.putObject("inputs").putObject("drvs")
                        .putObject(DRV.substring(11)).put("outputs", "out"), "outputs is a string"),
                first("v4-inputs-srcs-object", v4, n -> n.putObject("inputs").putObject("srcs"),
                        "srcs is an object, expected an array of strings"),
                first("v4-structured-attrs-string", v4, n -> n.put("structuredAttrs", "x"),
                        "structuredAttrs is a string, expected an object"),
                new Variant("v4-node-string", v4, nodes -> ((ObjectNode) nodes).put(lastKey(nodes), "x"),
                        "is a string, expected an object"),
                // Right types, wrong values: every path a dump names is a store path before it is used.
                first("pi-reference-not-a-path", pi, n -> n.putArray("references").add("/nix/store/x"),
                        "references: not a store path: '/nix/store/x'"),
                first("pi-reference-dotdot", pi, n -> n.putArray("references").add("/nix/store/../../etc/passwd"),
                        "references: not a store path: '/nix/store/../../etc/passwd'"),
                first("pi-reference-newline", pi, n -> n.putArray("references").add("line\nbreak"),
                        "references: not a store path: 'line\\u000abreak'"),
                first("pi-deriver-not-a-path", pi, n -> n.put("deriver", "/nix/store/x.drv"),
                        "deriver: not a store path: '/nix/store/x.drv'"),
                first("pi-narhash-newline", pi, n -> n.put("narHash", "line\nbreak"),
                        "bad narHash 'line\\u000abreak'"),
                first("ds-inputsrc-dotdot", ds, n -> n.putArray("inputSrcs").add("/nix/store/../../etc/passwd"),
                        "input sources: not a store path: '/nix/store/../../etc/passwd'"),
                first("ds-inputdrv-not-a-drv", ds, n -> n.putObject("inputDrvs").putArray(
                        "/nix/store/ky7rzvdpyx4ldrlssxdq90wxn69nf027-greeting-data-1.0.tar").add("out"),
                        "inputs: not a derivation path: '/nix/store/ky7rzvdpyx4ldrlssxdq90wxn69nf027-greeting-data-1.0"
                                + ".tar'"),
                first("v4-output-path-not-a-path", v4, n -> n.putObject("outputs").putObject("out").put("path", "x"),
                        "output 'out': not a store path: 'x'"));
    }

    /** Wrong types anywhere in either kind of graph JSON: bad input naming the file and the field, no default. */
    @ParameterizedTest
    @MethodSource("wrongTypes")
    void graphJsonWithAWrongTypeIsBadInput(Variant v) throws Exception {
        Path f = v.write();
        for (String command : List.of("sbom", "graph", "provenance")) {
            Tools.Result r = Ocisc.inProcess(command, f.toString(), "--store", STORE);
            oneLine(r, ExitCode.BAD_INPUT, "ocisc: " + f + ": ");
            // provenance refuses path-info JSON before reading its fields: it holds no build inputs
            if (!(command.equals("provenance") && v.fixture().equals("path-info.json"))) {
                assertTrue(r.stderr().contains(v.expected()), command + ": " + r.stderr());
            }
        }
    }

    /** Graph JSON with junk after it, a key twice, or nested beyond reason: bad input, never exit 0 or 70. */
    @Test
    void graphJsonThatIsNotOneStrictValueIsBadInput() throws Exception {
        String pathInfo = Files.readString(TestData.path("nix/path-info.json"));
        String drvs = Files.readString(TestData.path("nix/derivation-show.json"));
        List<List<String>> cases = List.of(
                List.of("junk.json", pathInfo + "\n}junk", "trailing data after the JSON value"),
                List.of("two.json", pathInfo + "[]", "trailing data after the JSON value"),
                List.of("twice.json", pathInfo.replaceFirst("\"references\"", "\"references\": [], \"references\""),
                        "duplicate key 'references'"),
                List.of("drv-twice.json", drvs.replaceFirst("\"inputDrvs\"", "\"inputDrvs\": {}, \"inputDrvs\""),
                        "duplicate key 'inputDrvs'"),
                List.of("deep.json", "[".repeat(100_000) + "]".repeat(100_000), "nested deeper than 200 levels"));
        for (List<String> c : cases) {
            Path f = write(c.get(0), c.get(1));
            for (String command : List.of("sbom", "graph", "provenance")) {
                oneLine(Ocisc.inProcess(command, f.toString(), "--store", STORE), ExitCode.BAD_INPUT,
                        "ocisc: " + f + ": " + c.get(2));
            }
        }
    }
}
