package dev.ocisc.dsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our envelopes against Debian's python3-securesystemslib, both ways, with a PAE built in Python by hand. */
class SecureSystemsLibInteropTest {
    static final byte[] NON_ASCII = "{\"note\":\"größer – 東京\"}".getBytes(StandardCharsets.UTF_8);

    static Tools.Result pyVerify(Path script, Path envelope, Path pub) {
        return Tools.run(null, Interop.PYTHON.toString(), script.toString(), "verify", envelope.toString(),
                pub.toString());
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void ourEnvelopesVerifyWithSecureSystemsLib(KeyAlgorithm alg, @TempDir Path tmp) throws Exception {
        Path script = Interop.securesystemslib();
        SigningKey key = SigningKey.generate(alg);
        Path pub = tmp.resolve("k.pub");
        Files.writeString(pub, PemKeys.publicKeyPem(key.publicKey()));
        for (byte[] payload : new byte[][] {Interop.statement(), NON_ASCII}) {
            Path env = tmp.resolve("e.intoto.jsonl");
            Files.write(env, EnvelopeJson.write(new Signer(key).sign(Envelope.IN_TOTO, payload)));
            Tools.Result r = pyVerify(script, env, pub);
            assertEquals("verified", r.stdout().strip(), r.stderr());
            assertEquals(0, r.exitCode());
        }
        // And securesystemslib refuses a tampered one: the check above can fail.
        byte[] changed = NON_ASCII.clone();
        changed[changed.length - 3] ^= 1;
        Envelope good = new Signer(key).sign(Envelope.IN_TOTO, NON_ASCII);
        Path bad = tmp.resolve("bad.intoto.jsonl");
        Files.write(bad, EnvelopeJson.write(new Envelope(good.payloadType(), changed, good.signatures())));
        Tools.Result r = pyVerify(script, bad, pub);
        assertEquals(1, r.exitCode(), r.stdout());
        assertTrue(r.stdout().startsWith("not verified"), r.stdout());
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void envelopesSignedBySecureSystemsLibVerifyWithOurs(KeyAlgorithm alg, @TempDir Path tmp) throws Exception {
        Path script = Interop.securesystemslib();
        SigningKey key = SigningKey.generate(alg);
        Path priv = tmp.resolve("k.key");
        Files.writeString(priv, PemKeys.privateKeyPem(key));
        Path payload = tmp.resolve("payload.json");
        Files.write(payload, NON_ASCII);
        String line = Tools.check(null, Interop.PYTHON.toString(), script.toString(), "sign", payload.toString(),
                priv.toString(), Envelope.IN_TOTO).strip();
        // securesystemslib's side writes URL-safe base64 without padding: the form DSSE verifiers must accept.
        Envelope env = EnvelopeJson.read(new ObjectMapper().readTree(line));
        assertEquals(key.keyid(), env.signatures().get(0).keyid());
        assertArrayEquals(NON_ASCII, new EnvelopeVerifier(key.publicKey()).verify(env, Envelope.IN_TOTO));
    }

    @Test
    void envelopesUnderSecureSystemsLibsOwnKeyidVerifyWithTheKey(@TempDir Path tmp) throws Exception {
        Path script = Interop.securesystemslib();
        SigningKey key = SigningKey.generate(KeyAlgorithm.ECDSA_P256);
        Path priv = tmp.resolve("k.key");
        Files.writeString(priv, PemKeys.privateKeyPem(key));
        Path payload = tmp.resolve("payload.json");
        Files.write(payload, NON_ASCII);
        // securesystemslib's keyid hashes its JSON key metadata, not the DER public key as ocisc's does.
        String line = Tools.check(null, Interop.PYTHON.toString(), script.toString(), "sign", payload.toString(),
                priv.toString(), Envelope.IN_TOTO, "sslib-keyid").strip();
        Envelope env = EnvelopeJson.read(new ObjectMapper().readTree(line));
        String sslibKeyid = env.signatures().get(0).keyid();
        assertTrue(sslibKeyid.matches("[0-9a-f]{64}") && !sslibKeyid.equals(key.keyid()), sslibKeyid);
        assertArrayEquals(NON_ASCII, new EnvelopeVerifier(key.publicKey()).verify(env, Envelope.IN_TOTO));

        SigningKey other = SigningKey.generate(KeyAlgorithm.ECDSA_P256);
        VerificationException e = assertThrows(VerificationException.class,
                () -> new EnvelopeVerifier(other.publicKey()).verify(env, Envelope.IN_TOTO));
        assertEquals(VerificationStep.SIGNATURE, e.step());
        assertTrue(e.getMessage().contains(sslibKeyid) && e.getMessage().contains(other.keyid()), e.getMessage());
    }
}
