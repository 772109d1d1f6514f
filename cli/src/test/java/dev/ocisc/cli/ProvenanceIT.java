package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.failure.ExitCode;
import dev.ocisc.slsa.ProvenanceOptions;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ocisc keygen, provenance and attest verify as a release pipeline runs them: exit codes, files, reasons. */
class ProvenanceIT {
    static final String RESULT = TestData.path("nix/result").toString();
    static final String STORE = TestData.nixStore().toString();
    static final String OUT = "/nix/store/ihy4kdy0gh57692zs4fmkqx5w7ssxq8q-greeter-2.1.0";
    static final String BUILDER = "https://ci.example.org/builder/v1";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Tools.Result ok(String... args) {
        Tools.Result r = Ocisc.run(args);
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        return r;
    }

    Path keygen(String name, String... extra) {
        String[] args = new String[2 + 1 + extra.length];
        args[0] = "keygen";
        args[1] = "-o";
        args[2] = dir.resolve(name).toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        ok(args);
        return dir.resolve(name);
    }

    Path signed(Path key, String file, String... extra) {
        Path out = dir.resolve(file);
        String[] base = {"provenance", RESULT, "--store", STORE, "--recursive", "--builder-id", BUILDER,
                "--sign", key + ".key", "-o", out.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        ok(args);
        return out;
    }

    @Test
    void keygenWritesPrivateKeysMode0600AndNeverOverwrites() throws Exception {
        for (String alg : new String[] {"ecdsa-p256", "ed25519"}) {
            Path k = keygen(alg, "--algorithm", alg);
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(Path.of(k + ".key"))));
            assertEquals("rw-r--r--", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(Path.of(k + ".pub"))));
            assertTrue(Files.readString(Path.of(k + ".key")).startsWith("-----BEGIN PRIVATE KEY-----\n"));
            assertTrue(Files.readString(Path.of(k + ".pub")).startsWith("-----BEGIN PUBLIC KEY-----\n"));
            byte[] before = Files.readAllBytes(Path.of(k + ".key"));
            Tools.Result again = Ocisc.run("keygen", "-o", k.toString());
            CliIT.assertOneLineError(again, ExitCode.BAD_INPUT, k + ".key", "already exists");
            assertArrayEquals(before, Files.readAllBytes(Path.of(k + ".key")));
        }
    }

    @Test
    void keygenKeyFileHoldsItsPublicKeyAsOpensslWritesIt() throws Exception {
        Tools.require("openssl");
        for (String alg : new String[] {"ecdsa-p256", "ed25519"}) {
            Path k = keygen(alg, "--algorithm", alg);
            assertEquals(Files.readString(Path.of(k + ".pub")),
                    Tools.check(dir, "openssl", "pkey", "-in", k + ".key", "-pubout"));
        }
        // openssl derives a public key from any private key; the point is that the P-256 file carries it, in the
        // ECPrivateKey's optional [1] publicKey (RFC 5915), so that ocisc needs no arithmetic of its own.
        String outer = Tools.check(dir, "openssl", "asn1parse", "-in", "ecdsa-p256.key");
        String octets = outer.lines().filter(l -> l.contains("OCTET STRING")).findFirst().orElseThrow();
        String inner = Tools.check(dir, "openssl", "asn1parse", "-in", "ecdsa-p256.key", "-strparse",
                octets.substring(0, octets.indexOf(':')).strip());
        assertTrue(inner.contains("cont [ 1 ]") && inner.contains("BIT STRING"), inner);
    }

    @Test
    void opensslP256KeysSignAndOpensslVerifies() throws Exception {
        Path key = opensslP256("tool");
        Path env = dir.resolve("tool.intoto.jsonl");
        Tools.Result r = ok("provenance", RESULT, "--store", STORE, "--sign", key.toString(), "-o", env.toString());
        String keyid = keyid(dir.resolve("tool.pub").toString());
        assertTrue(r.stderr().contains("signed by " + keyid), r.stderr());
        assertEquals("Verified OK", opensslVerify(env, "tool.pub"));
        // SEC1 keys (openssl ecparam -genkey) are refused with the conversion that makes them PKCS#8.
        Tools.check(dir, "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-out", "sec1.pem");
        CliIT.assertOneLineError(Ocisc.run("provenance", RESULT, "--store", STORE, "--sign",
                dir.resolve("sec1.pem").toString()), ExitCode.BAD_INPUT, "sec1.pem", "openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void p256KeyWithoutItsPublicKeyTakesTheOneBesideIt() throws Exception {
        opensslP256("full");
        // The same key as PKCS#8 without the optional public key: what the JDK, and keygen before, wrote.
        Tools.check(dir, "openssl", "ec", "-in", "full.pem", "-no_public", "-out", "sec1.pem");
        Tools.check(dir, "openssl", "pkcs8", "-topk8", "-nocrypt", "-in", "sec1.pem", "-out", "bare.key");
        Path key = dir.resolve("bare.key");
        Path out = dir.resolve("bare.intoto.jsonl");
        Tools.Result none = Ocisc.run("provenance", RESULT, "--store", STORE, "--sign", key.toString(), "-o",
                out.toString());
        CliIT.assertOneLineError(none, ExitCode.BAD_INPUT, key + ": holds no public key",
                dir.resolve("bare.pub").toString());
        assertFalse(Files.exists(out));

        // A stale .pub (another key's) is refused: the envelopes would name a key nobody holds.
        Path stale = keygen("stale");
        Files.copy(Path.of(stale + ".pub"), dir.resolve("bare.pub"));
        CliIT.assertOneLineError(Ocisc.run("provenance", RESULT, "--store", STORE, "--sign", key.toString()),
                ExitCode.BAD_INPUT, key.toString(), "does not match");

        Files.copy(dir.resolve("full.pub"), dir.resolve("bare.pub"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Tools.Result r = ok("provenance", RESULT, "--store", STORE, "--sign", key.toString(), "-o", out.toString());
        assertTrue(r.stderr().contains("signed by " + keyid(dir.resolve("bare.pub").toString())), r.stderr());
        assertEquals("Verified OK", opensslVerify(out, "bare.pub"));
        Tools.Result bare = ok("attest", "verify", out.toString(), "--key", dir.resolve("bare.pub").toString());
        // Verified, but nothing tied it to an artifact: a deploy gate that forgot --artifact is told so.
        assertTrue(bare.stderr().contains("warning: no subject was checked")
                && bare.stderr().contains("--artifact"), bare.stderr());
        Tools.Result tied = ok("attest", "verify", out.toString(), "--key", dir.resolve("bare.pub").toString(),
                "--artifact", TestData.nixStore().resolve(OUT.substring(1)).toString());
        assertEquals("", tied.stderr());
        // A digest that cannot be a SHA-256 is a typo (exit 2), not a "not verified".
        CliIT.assertOneLineError(Ocisc.run("attest", "verify", out.toString(), "--key",
                dir.resolve("bare.pub").toString(), "--digest", "sha256:0000"), 2, "64 hex digits");
    }

    @Test
    void unsignedStatementIsDeterministicAndTimedFromOptions() throws Exception {
        Tools.Result a = ok("provenance", RESULT, "--store", STORE, "--builder-id", BUILDER);
        Tools.Result b = Ocisc.run(Map.of("SOURCE_DATE_EPOCH", "1700000000"), "provenance", OUT + "/bin",
                "--store", STORE, "--builder-id", BUILDER);
        assertEquals(a.stdout(), b.stdout(), "same build, same bytes (registration time = SOURCE_DATE_EPOCH here)");
        JsonNode st = JSON.readTree(a.stdout());
        assertEquals("https://in-toto.io/Statement/v1", st.get("_type").asText());
        assertEquals("2023-11-14T22:13:20Z", st.at("/predicate/runDetails/metadata/finishedOn").asText());
        Tools.Result timed = ok("provenance", RESULT, "--store", STORE, "--finished-on", "2024-05-01T12:00:00+02:00",
                "--started-on", "2024-05-01T11:00:00Z", "-P", "attribute=greeter", "--invocation-id", "job-42");
        JsonNode t = JSON.readTree(timed.stdout());
        assertEquals("2024-05-01T10:00:00Z", t.at("/predicate/runDetails/metadata/finishedOn").asText());
        assertEquals("2024-05-01T11:00:00Z", t.at("/predicate/runDetails/metadata/startedOn").asText());
        assertEquals("job-42", t.at("/predicate/runDetails/metadata/invocationId").asText());
        assertEquals("greeter", t.at("/predicate/buildDefinition/externalParameters/attribute").asText());
        // The builder id: environment, then CI mode, then local mode.
        Tools.Result ci = Ocisc.run(Map.of("CI", "true", "OCISC_BUILDER_ID", ""), "provenance", RESULT,
                "--store", STORE);
        assertEquals(ProvenanceOptions.CI_BUILDER, JSON.readTree(ci.stdout()).at("/predicate/runDetails/builder/id")
                .asText());
        Tools.Result local = Ocisc.run(Map.of("CI", "", "OCISC_BUILDER_ID", ""), "provenance", RESULT,
                "--store", STORE);
        assertEquals(ProvenanceOptions.LOCAL_BUILDER, JSON.readTree(local.stdout())
                .at("/predicate/runDetails/builder/id").asText());
        Tools.Result env = Ocisc.run(Map.of("OCISC_BUILDER_ID", BUILDER), "provenance", RESULT, "--store", STORE);
        assertEquals(BUILDER, JSON.readTree(env.stdout()).at("/predicate/runDetails/builder/id").asText());
    }

    @Test
    void signVerifyAndRejectWithReasons() throws Exception {
        Path key = keygen("release");
        Path env = signed(key, "greeter.intoto.jsonl");
        Path bundle = signed(key, "greeter.sigstore.json", "--bundle");
        String pub = key + ".pub";
        Path artifact = TestData.nixStore().resolve(OUT.substring(1));
        for (Path f : new Path[] {env, bundle}) {
            Tools.Result v = ok("attest", "verify", f.toString(), "--key", pub, "--artifact", artifact.toString(),
                    "--builder-id", BUILDER, "--build-type", "https://ocisc.dev/buildtypes/nix/v1");
            assertTrue(v.stdout().startsWith("verified: "), v.stdout());
            assertTrue(v.stdout().contains(OUT), v.stdout());
        }
        // A result link given as the artifact stands for the output it points to.
        Path link = Files.createSymbolicLink(dir.resolve("result-link"), artifact.toAbsolutePath());
        assertTrue(ok("attest", "verify", env.toString(), "--key", pub, "--artifact", link.toString()).stdout()
                .startsWith("verified: "));
        Tools.Result dangling = Ocisc.run("attest", "verify", env.toString(), "--key", pub, "--artifact",
                Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nothing")).toString());
        assertEquals(3, dangling.exitCode(), dangling.stderr());
        assertTrue(dangling.stderr().contains("dangling: a symlink to nothing readable"), dangling.stderr());
        assertEquals(1, Files.readString(env).lines().count(), "one envelope per line");
        // ECDSA signatures are randomised; the signed statement is not.
        Path again = signed(key, "again.intoto.jsonl");
        assertEquals(JSON.readTree(Files.readString(env)).get("payload"),
                JSON.readTree(Files.readString(again)).get("payload"));
        assertFalse(Files.readString(env).equals(Files.readString(again)), "a fresh ECDSA signature each time");

        notVerified(Ocisc.run("attest", "verify", env.toString(), "--key", pub, "--builder-id",
                "https://other.example/builder"), "builder id", "https://other.example/builder", BUILDER);
        notVerified(Ocisc.run("attest", "verify", env.toString(), "--key", pub, "--digest", "sha256:" + "ab".repeat(32)),
                "subject digest", "ab".repeat(32));
        // Digest names are the in-toto digest set's, case and all: a directory's dirHash matches as given.
        ok("attest", "verify", env.toString(), "--key", pub, "--digest", "dirHash:"
                + dev.ocisc.slsa.ArtifactDigest.dirHash(TestData.nixStore().resolve(OUT.substring(1))));
        CliIT.assertOneLineError(Ocisc.run("attest", "verify", env.toString(), "--key", pub, "--digest",
                "md5:" + "ab".repeat(16)), 2, "never matches a subject", "sha256");
        // An image is matched by its manifest digest too; this one is not what the statement is about.
        notVerified(Ocisc.run("attest", "verify", env.toString(), "--key", pub, "--artifact",
                TestData.path("oci/debian").toString()), "subject digest",
                "7fd6c862609bfa474e1ddbd0d3cb94ae8ab10429bdc3a9544e1a9ca194894993");
        Path other = keygen("other");
        notVerified(Ocisc.run("attest", "verify", bundle.toString(), "--key", other + ".pub"), "signature",
                keyid(other + ".pub"), keyid(pub));

        JsonNode e = JSON.readTree(Files.readString(env));
        byte[] payload = Base64.getDecoder().decode(e.get("payload").asText());
        String changed = new String(payload, StandardCharsets.UTF_8).replace(BUILDER, "https://evil.example/b");
        Path tampered = dir.resolve("tampered.intoto.jsonl");
        Files.writeString(tampered, Files.readString(env).replace(e.get("payload").asText(),
                Base64.getEncoder().encodeToString(changed.getBytes(StandardCharsets.UTF_8))));
        notVerified(Ocisc.run("attest", "verify", tampered.toString(), "--key", pub), "signature");
        Path retyped = dir.resolve("retyped.intoto.jsonl");
        Files.writeString(retyped, Files.readString(env).replace("application/vnd.in-toto+json", "application/json"));
        notVerified(Ocisc.run("attest", "verify", retyped.toString(), "--key", pub), "payloadType");
        // A bundle's hint is not signed, like a keyid: another tool's name for the key does not stop it verifying.
        Path hinted = dir.resolve("hint.sigstore.json");
        String hint = "\"hint\": \"" + keyid(pub) + "\"";
        assertTrue(Files.readString(bundle).contains(hint), Files.readString(bundle));
        Files.writeString(hinted, Files.readString(bundle).replace(hint, "\"hint\": \"" + "0".repeat(64) + "\""));
        assertTrue(ok("attest", "verify", hinted.toString(), "--key", pub).stdout().startsWith("verified: "));

        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{\"allowed_builder_ids\": {\"*\": [\"https://only.example/builder\"]}}");
        notVerified(Ocisc.run("attest", "verify", env.toString(), "--key", pub, "--policy", policy.toString()),
                "policy", BUILDER);
    }

    static void notVerified(Tools.Result r, String... fragments) {
        assertEquals(ExitCode.FOUND, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stderr().startsWith("ocisc: not verified: "), r.stderr());
        for (String f : fragments) {
            assertTrue(r.stderr().contains(f), "'" + f + "' in: " + r.stderr());
        }
        assertEquals("", r.stdout());
    }

    /** ocisc's keyid of a public key file, computed here: hex SHA-256 of the DER inside the PEM. */
    static String keyid(String pubPem) throws Exception {
        String b64 = Files.readString(Path.of(pubPem)).replaceAll("-----[A-Z ]+-----|\\s", "");
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Base64.getDecoder().decode(b64)));
    }

    /** A P-256 key pair made by openssl: NAME.pem (PKCS#8, as genpkey writes it) and NAME.pub. */
    Path opensslP256(String name) {
        Tools.require("openssl");
        Tools.check(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-out", name + ".pem");
        Tools.check(dir, "openssl", "pkey", "-in", name + ".pem", "-pubout", "-out", name + ".pub");
        return dir.resolve(name + ".pem");
    }

    /** What openssl says of an envelope's first ECDSA signature over a PAE built here from the spec. */
    String opensslVerify(Path envelopeFile, String pubPem) throws Exception {
        JsonNode e = JSON.readTree(Files.readString(envelopeFile));
        byte[] type = e.get("payloadType").asText().getBytes(StandardCharsets.UTF_8);
        byte[] body = Base64.getDecoder().decode(e.get("payload").asText());
        java.io.ByteArrayOutputStream pae = new java.io.ByteArrayOutputStream();
        pae.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        pae.writeBytes(type);
        pae.writeBytes((" " + body.length + " ").getBytes(StandardCharsets.US_ASCII));
        pae.writeBytes(body);
        Files.write(dir.resolve("pae.bin"), pae.toByteArray());
        Files.write(dir.resolve("sig.der"), Base64.getDecoder().decode(e.at("/signatures/0/sig").asText()));
        Tools.Result r = Tools.run(dir, "openssl", "dgst", "-sha256", "-verify", pubPem, "-signature", "sig.der",
                "pae.bin");
        return r.stdout().strip() + r.stderr().strip();
    }

    /** This build's statement signed by securesystemslib with {@code privateKey} (sslib_dsse.py sign ... EXTRA). */
    Path signedBySecureSystemsLib(Path privateKey, String... extra) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        boolean have = Files.isExecutable(python)
                && Tools.run(null, python.toString(), "-c", "import securesystemslib.signer").exitCode() == 0;
        if (!have) {
            // Not a program on the PATH: require() then fails in CI (OCISC_REQUIRE_TOOLS=1) and skips elsewhere.
            Tools.require("python3-securesystemslib (Debian package, for /usr/bin/python3)");
        }
        Path statement = dir.resolve("statement.json");
        Files.writeString(statement, ok("provenance", RESULT, "--store", STORE, "--builder-id", BUILDER).stdout());
        List<String> cmd = new ArrayList<>(List.of(python.toString(),
                TestData.root().resolve("provenance/src/test/python/sslib_dsse.py").toString(), "sign",
                statement.toString(), privateKey.toString(), "application/vnd.in-toto+json"));
        cmd.addAll(List.of(extra));
        Path env = dir.resolve("sslib.intoto.jsonl");
        Files.writeString(env, Tools.check(null, cmd.toArray(String[]::new)));
        return env;
    }

    @Test
    void envelopeUnderAnotherToolsKeyidVerifiesAndTheWrongKeyIsNamed() throws Exception {
        // securesystemslib names the key by a hash of its own key metadata, not of the DER key as ocisc does.
        Path env = signedBySecureSystemsLib(opensslP256("tool"), "sslib-keyid");
        String claimed = JSON.readTree(Files.readString(env)).at("/signatures/0/keyid").asText();
        String pub = dir.resolve("tool.pub").toString();
        String ours = Tools.check(dir, "sh", "-c", "openssl pkey -pubin -in tool.pub -outform DER | sha256sum")
                .split(" ")[0];
        assertFalse(claimed.equals(ours), claimed);
        Tools.Result v = ok("attest", "verify", env.toString(), "--key", pub, "--artifact",
                TestData.nixStore().resolve(OUT.substring(1)).toString(), "--builder-id", BUILDER);
        assertTrue(v.stdout().startsWith("verified: ") && v.stdout().contains(ours), v.stdout());

        // A policy's per-key rules go by the key that verified, never by the keyid the envelope claims.
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{\"allowed_builder_ids\": {\"" + ours + "\": [\"" + BUILDER + "\"]}}");
        ok("attest", "verify", env.toString(), "--key", pub, "--policy", policy.toString());
        Files.writeString(policy, "{\"allowed_builder_ids\": {\"" + claimed + "\": [\"" + BUILDER + "\"]}}");
        notVerified(Ocisc.run("attest", "verify", env.toString(), "--key", pub, "--policy", policy.toString()),
                "policy", ours);

        Path other = keygen("other");
        Tools.Result wrong = Ocisc.run("attest", "verify", env.toString(), "--key", other + ".pub");
        CliIT.assertOneLineError(wrong, ExitCode.FOUND, "not verified", "signature", keyid(other + ".pub"), claimed);
    }

    @Test
    void envelopeSignedBySecureSystemsLibVerifiesWithOcisc() throws Exception {
        Path key = keygen("sslib");
        Path env = signedBySecureSystemsLib(Path.of(key + ".key"));
        Tools.Result v = ok("attest", "verify", env.toString(), "--key", key + ".pub", "--artifact",
                TestData.nixStore().resolve(OUT.substring(1)).toString(), "--builder-id", BUILDER);
        assertTrue(v.stdout().startsWith("verified: "), v.stdout());
    }

    @Test
    void badInputIsExit3WithoutPartialOutput() throws Exception {
        Path key = keygen("k");
        Path out = dir.resolve("never.intoto.jsonl");
        CliIT.assertOneLineError(Ocisc.run("provenance", dir.resolve("missing").toString(), "--sign", key + ".key",
                "-o", out.toString()), ExitCode.BAD_INPUT, "missing");
        assertFalse(Files.exists(out));
        Path badKey = dir.resolve("bad.key");
        Files.writeString(badKey, "not a key\n");
        CliIT.assertOneLineError(Ocisc.run("provenance", RESULT, "--store", STORE, "--sign", badKey.toString(),
                "-o", out.toString()), ExitCode.BAD_INPUT, "bad.key");
        assertFalse(Files.exists(out));
        // The key loads while the graph is walked; when both are bad, the key's error still comes first.
        CliIT.assertOneLineError(Ocisc.run("provenance", dir.resolve("missing").toString(), "--sign",
                badKey.toString(), "-o", out.toString()), ExitCode.BAD_INPUT, "bad.key");
        assertFalse(Files.exists(out));
        Path garbage = dir.resolve("garbage.intoto.jsonl");
        Files.writeString(garbage, "{\"payload\": 1}\n");
        CliIT.assertOneLineError(Ocisc.run("attest", "verify", garbage.toString(), "--key", key + ".pub"),
                ExitCode.BAD_INPUT, "garbage.intoto.jsonl");
        CliIT.assertOneLineError(Ocisc.run("attest", "verify", garbage.toString(), "--key", badKey.toString()),
                ExitCode.BAD_INPUT, "bad.key");
        // Files that are not PEM at all: non-ASCII text (the README) and binary bytes; and the other kind of key.
        Path binary = dir.resolve("binary.key");
        Files.write(binary, new byte[] {(byte) 0x80, 0, (byte) 0xff, 0x1f, (byte) 0x8b, '\n'});
        for (Path notPem : new Path[] {TestData.root().resolve("README.md"), binary, badKey}) {
            Tools.Result sign = Ocisc.run("provenance", RESULT, "--store", STORE, "--sign", notPem.toString(),
                    "-o", out.toString());
            assertEquals("ocisc: " + notPem + ": not a PEM private key\n", sign.stderr());
            assertEquals(ExitCode.BAD_INPUT, sign.exitCode());
            assertFalse(Files.exists(out));
            Tools.Result verify = Ocisc.run("attest", "verify", garbage.toString(), "--key", notPem.toString());
            assertEquals("ocisc: " + notPem + ": not a PEM public key\n", verify.stderr());
            assertEquals(ExitCode.BAD_INPUT, verify.exitCode());
        }
        CliIT.assertOneLineError(Ocisc.run("provenance", RESULT, "--store", STORE, "--sign", key + ".pub"),
                ExitCode.BAD_INPUT, key + ".pub: not a PEM private key (it holds a PEM PUBLIC KEY)");
        assertEquals(ExitCode.USAGE, Ocisc.run("provenance", RESULT, "--store", STORE, "--bundle").exitCode());
        assertEquals(ExitCode.USAGE, Ocisc.run("provenance", RESULT, "--store", STORE, "-P", "novalue").exitCode());
    }
}
