package dev.ocisc.dsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** openssl verifies our signatures over the PAE, and its keys and signatures work as ours. */
class OpensslInteropTest {
    static final String[] GEN_P256 = {"openssl", "genpkey", "-algorithm", "EC", "-pkeyopt",
        "ec_paramgen_curve:P-256", "-out", "k.pem"};
    static final String[] GEN_ED25519 = {"openssl", "genpkey", "-algorithm", "ED25519", "-out", "k.pem"};

    @Test
    void ecdsaSignatureVerifiesWithOpensslDgst(@TempDir Path tmp) throws Exception {
        Tools.require("openssl");
        SigningKey key = SigningKey.generate(KeyAlgorithm.ECDSA_P256);
        Envelope env = new Signer(key).sign(Envelope.IN_TOTO, Interop.statement());
        Path pub = tmp.resolve("k.pub");
        Files.writeString(pub, PemKeys.publicKeyPem(key.publicKey()));
        Path pae = tmp.resolve("pae.bin");
        Files.write(pae, env.pae());
        Path sig = tmp.resolve("sig.der");
        Files.write(sig, env.signatures().get(0).sig());
        Tools.Result ok = Tools.run(tmp, "openssl", "dgst", "-sha256", "-verify", pub.toString(), "-signature",
                sig.toString(), pae.toString());
        assertEquals("Verified OK", ok.stdout().strip(), ok.stderr());
        // The payload alone is not what is signed: openssl must refuse it.
        Path payload = tmp.resolve("payload.bin");
        Files.write(payload, env.payload());
        Tools.Result no = Tools.run(tmp, "openssl", "dgst", "-sha256", "-verify", pub.toString(), "-signature",
                sig.toString(), payload.toString());
        assertNotEquals(0, no.exitCode());
        assertTrue(no.stdout().contains("Verification failure"), no.stdout());
    }

    @Test
    void ed25519SignatureVerifiesWithOpensslPkeyutl(@TempDir Path tmp) throws Exception {
        Tools.require("openssl");
        SigningKey key = SigningKey.generate(KeyAlgorithm.ED25519);
        Envelope env = new Signer(key).sign(Envelope.IN_TOTO, Interop.statement());
        Path pub = tmp.resolve("k.pub");
        Files.writeString(pub, PemKeys.publicKeyPem(key.publicKey()));
        Path pae = tmp.resolve("pae.bin");
        Files.write(pae, env.pae());
        Path sig = tmp.resolve("sig.bin");
        Files.write(sig, env.signatures().get(0).sig());
        Tools.Result ok = Tools.run(tmp, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pub.toString(),
                "-rawin", "-in", pae.toString(), "-sigfile", sig.toString());
        assertEquals("Signature Verified Successfully", ok.stdout().strip(), ok.stderr());
    }

    @Test
    void opensslKeysSignAndKeyidsAgree(@TempDir Path tmp) throws Exception {
        Tools.require("openssl");
        for (String[] gen : new String[][] {GEN_P256, GEN_ED25519}) {
            Tools.check(tmp, gen);
            SigningKey key = PemKeys.readPrivate(Files.readString(tmp.resolve("k.pem")));
            Tools.check(tmp, "openssl", "pkey", "-in", "k.pem", "-pubout", "-outform", "DER", "-out", "pub.der");
            String opensslKeyid = Tools.check(tmp, "sha256sum", "pub.der").split(" ")[0];
            assertEquals(opensslKeyid, key.keyid(), "public key derived from openssl's PKCS#8 file");
            Tools.check(tmp, "openssl", "pkey", "-in", "k.pem", "-pubout", "-out", "pub.pem");
            Envelope env = new Signer(key).sign(Envelope.IN_TOTO, Interop.statement());
            new EnvelopeVerifier(PemKeys.readPublic(Files.readString(tmp.resolve("pub.pem"))))
                    .verify(env, Envelope.IN_TOTO);
            Files.delete(tmp.resolve("k.pem"));
        }
    }

    @Test
    void envelopesSignedByOpensslUnderItsOwnKeyidVerify(@TempDir Path tmp) throws Exception {
        Tools.require("openssl");
        byte[] payload = Interop.statement();
        Files.write(tmp.resolve("pae.bin"), Pae.encode(Envelope.IN_TOTO, payload));
        for (String[] gen : new String[][] {GEN_P256, GEN_ED25519}) {
            Tools.check(tmp, gen);
            Tools.check(tmp, "openssl", "pkey", "-in", "k.pem", "-pubout", "-out", "pub.pem");
            if (gen == GEN_P256) {
                Tools.check(tmp, "openssl", "dgst", "-sha256", "-sign", "k.pem", "-out", "sig.bin", "pae.bin");
            } else {
                Tools.check(tmp, "openssl", "pkeyutl", "-sign", "-rawin", "-inkey", "k.pem", "-in", "pae.bin",
                        "-out", "sig.bin");
            }
            // A keyid of this signer's own making: the hash of the PEM text, not of the DER key.
            String keyid = Tools.check(tmp, "sha256sum", "pub.pem").split(" ")[0];
            Envelope env = new Envelope(Envelope.IN_TOTO, payload,
                    List.of(new Signature(keyid, Files.readAllBytes(tmp.resolve("sig.bin")))));
            var pub = PemKeys.readPublic(Files.readString(tmp.resolve("pub.pem")));
            assertNotEquals(KeyId.of(pub), keyid);
            assertArrayEquals(payload, new EnvelopeVerifier(pub).verify(env, Envelope.IN_TOTO));
            Files.delete(tmp.resolve("k.pem"));
        }
    }
}
