package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.dsse.Envelope;
import dev.ocisc.dsse.EnvelopeJson;
import dev.ocisc.dsse.PemKeys;
import dev.ocisc.dsse.Signer;
import dev.ocisc.dsse.SigningKey;
import dev.ocisc.testing.TestData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    record Run(int rc, String out, String err) {
    }

    static Run ocisc(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(rc, out.toString(), err.toString());
    }

    static void oneLine(Run r, int code, String... fragments) {
        assertEquals(code, r.rc(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertTrue(r.err().startsWith("ocisc: "), r.err());
        assertFalse(r.err().contains("internal error") || r.err().contains("\tat "), r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "'" + f + "' in: " + r.err());
        }
    }

    @BeforeAll
    static void sign() throws Exception {
        key = dir.resolve("ci");
        assertEquals(0, ocisc("keygen", "-o", key.toString()).rc());
        Path env = dir.resolve("genuine.intoto.jsonl");
        Run r = ocisc("provenance", RESULT, "--store", STORE, "--builder-id", BUILDER, "--sign", key + ".key",
                "-o", env.toString());
        assertEquals(0, r.rc(), r.err());
        envelope = Files.readString(env).strip();
        assertEquals(0, ocisc("attest", "verify", env.toString(), "--key", key + ".pub").rc());
        statement = ocisc("provenance", RESULT, "--store", STORE, "--builder-id", BUILDER).out();
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
        Run r = ocisc("attest", "verify", f.toString(), "--key", key + ".pub");
        oneLine(r, ExitCode.BAD_INPUT, f + ": duplicate key 'payload' (line 1, column ");
        assertEquals("", r.out());
        Path t = write("type-twice.intoto.jsonl", envelope.replace("\"payloadType\":",
                "\"payloadType\":\"text/plain\",\"payloadType\":"));
        oneLine(ocisc("attest", "verify", t.toString(), "--key", key + ".pub"), ExitCode.BAD_INPUT,
                t + ": duplicate key 'payloadType'");
    }

    @Test
    void attestVerifyDoesNotVerifyASignedStatementWithAKeyTwiceOrBytesAfterIt() throws Exception {
        String twice = statement.replaceFirst("\"predicateType\" ?:",
                "\"predicateType\": \"https://evil.example/predicate\", \"predicateType\":");
        Path f = write("statement-twice.intoto.jsonl", signed(twice));
        oneLine(ocisc("attest", "verify", f.toString(), "--key", key + ".pub"), ExitCode.FOUND,
                "ocisc: not verified: " + f + ": statement: the signed payload: duplicate key 'predicateType'");
        Path t = write("trailing.intoto.jsonl", signed(statement + "{}"));
        oneLine(ocisc("attest", "verify", t.toString(), "--key", key + ".pub"), ExitCode.FOUND,
                "ocisc: not verified: " + t + ": statement: the signed payload: trailing data after the JSON value");
    }

    @Test
    void attestVerifyRefusesAPolicyWithAKeyTwice() throws Exception {
        Path p = write("policy.json", "{\"builderIds\": {\"*\": [\"https://strict.example/only\"]},\n"
                + " \"builderIds\": {\"*\": [\"" + BUILDER + "\"]}}\n");
        Path env = write("genuine.json", envelope);
        oneLine(ocisc("attest", "verify", env.toString(), "--key", key + ".pub", "--policy", p.toString()),
                ExitCode.BAD_INPUT, p + ": duplicate key 'builderIds' (line 2, column ");
    }

    @Test
    void verifyImageRefusesAPolicyOrAnSbomWithAKeyTwice() throws Exception {
        String image = TestData.path("oci/debian").toString();
        Path p = write("gate-policy.json", "{\"forbidden_licenses\": [\"GPL-3.0-only\"], \"forbidden_licenses\": []}");
        oneLine(ocisc("verify", "image", image, "--policy", p.toString()), ExitCode.BAD_INPUT,
                p + ": duplicate key 'forbidden_licenses' (line 1, column ");
        Path sbom = write("twice.cdx.json", "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\",\n"
                + " \"components\": [], \"components\": []}");
        oneLine(ocisc("verify", "image", image, "--sbom", sbom.toString()), ExitCode.BAD_INPUT,
                sbom + ": duplicate key 'components' (line 2, column ");
    }
}
