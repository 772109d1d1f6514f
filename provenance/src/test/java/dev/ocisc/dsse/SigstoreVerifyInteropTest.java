package dev.ocisc.dsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocisc.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our Sigstore bundles against npm's @sigstore/verify, offline with the key under its hint. */
class SigstoreVerifyInteropTest {
    static Tools.Result verify(Path script, Path bundle, Path pub) {
        return Tools.run(null, "node", script.toString(), bundle.toString(), pub.toString());
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void bundlesVerifyAndTamperingIsCaught(KeyAlgorithm alg, @TempDir Path tmp) throws Exception {
        Path script = Interop.sigstoreVerify();
        SigningKey key = SigningKey.generate(alg);
        Path pub = tmp.resolve("k.pub");
        Files.writeString(pub, PemKeys.publicKeyPem(key.publicKey()));
        byte[] nonAscii = "{\"note\":\"größer – 東京 😀\"}".getBytes(StandardCharsets.UTF_8);
        for (byte[] payload : new byte[][] {Interop.statement(), nonAscii}) {
            Path bundle = tmp.resolve("p.sigstore.json");
            Files.write(bundle, SigstoreBundle.of(new Signer(key).sign(Envelope.IN_TOTO, payload)).toJson());
            Tools.Result r = verify(script, bundle, pub);
            assertEquals("verified", r.stdout().strip(), r.stderr());
        }

        ObjectMapper json = new ObjectMapper();
        ObjectNode n = (ObjectNode) json.readTree(
                SigstoreBundle.of(new Signer(key).sign(Envelope.IN_TOTO, nonAscii)).toJson());
        ((ObjectNode) n.get("dsseEnvelope")).put("payload", java.util.Base64.getEncoder()
                .encodeToString("{\"note\":\"grosser\"}".getBytes(StandardCharsets.UTF_8)));
        Path tampered = tmp.resolve("tampered.json");
        json.writeValue(tampered.toFile(), n);
        Tools.Result r = verify(script, tampered, pub);
        assertEquals(1, r.exitCode());
        assertTrue(r.stdout().contains("SIGNATURE"), r.stdout());

        SigningKey other = SigningKey.generate(alg);
        Files.writeString(pub, PemKeys.publicKeyPem(other.publicKey()));
        Path good = tmp.resolve("p.sigstore.json");
        assertEquals(1, verify(script, good, pub).exitCode(), "another key under the hint must not verify");
    }
}
