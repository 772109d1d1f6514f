package dev.ocisc.dsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        assertEquals("Verified OK", opensslVerify(tmp, env, pub));
        // The payload alone is not what is signed: openssl must refuse it.
        Path payload = tmp.resolve("payload.bin");
        Files.write(payload, env.payload());
        Tools.Result no = Tools.run(tmp, "openssl", "dgst", "-sha256", "-verify", pub.toString(), "-signature",
                tmp.resolve("sig.der").toString(), payload.toString());
        assertNotEquals(0, no.exitCode());
        assertTrue(no.stdout().contains("Verification failure"), no.stdout());
    }

    /** What {@code openssl dgst -sha256 -verify} says of the envelope's first signature over its PAE. */
    static String opensslVerify(Path tmp, Envelope env, Path pub) throws Exception {
        Path pae = tmp.resolve("pae.bin");
        Files.write(pae, env.pae());
        Path sig = tmp.resolve("sig.der");
        Files.write(sig, env.signatures().get(0).sig());
        Tools.Result r = Tools.run(tmp, "openssl", "dgst", "-sha256", "-verify", pub.toString(), "-signature",
                sig.toString(), pae.toString());
        return r.stdout().strip() + r.stderr().strip();
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
            assertEquals(opensslKeyid, key.keyid(), "public key read from openssl's PKCS#8 file");
            Tools.check(tmp, "openssl", "pkey", "-in", "k.pem", "-pubout", "-out", "pub.pem");
            Envelope env = new Signer(key).sign(Envelope.IN_TOTO, Interop.statement());
            new EnvelopeVerifier(PemKeys.readPublic(Files.readString(tmp.resolve("pub.pem"))))
                    .verify(env, Envelope.IN_TOTO);
            if (key.algorithm() == KeyAlgorithm.ECDSA_P256) {
                assertEquals("Verified OK", opensslVerify(tmp, env, tmp.resolve("pub.pem")));
            }
            Files.delete(tmp.resolve("k.pem"));
        }
    }

    @Test
    void p256KeyWithoutItsPublicKeyNeedsItFromElsewhere(@TempDir Path tmp) throws Exception {
        Tools.require("openssl");
        Tools.check(tmp, GEN_P256);
        Tools.check(tmp, "openssl", "pkey", "-in", "k.pem", "-pubout", "-out", "pub.pem");
        // The same key without the optional public key in its ECPrivateKey, as the JDK writes PKCS#8.
        Tools.check(tmp, "openssl", "ec", "-in", "k.pem", "-no_public", "-out", "sec1.pem");
        Tools.check(tmp, "openssl", "pkcs8", "-topk8", "-nocrypt", "-in", "sec1.pem", "-out", "bare.pem");
        String bare = Files.readString(tmp.resolve("bare.pem"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PemKeys.readPrivate(bare));
        assertTrue(e.getMessage().contains("holds no public key"), e.getMessage());

        var pub = PemKeys.readPublic(Files.readString(tmp.resolve("pub.pem")));
        SigningKey key = PemKeys.readPrivate(bare, () -> pub);
        assertEquals(KeyId.of(pub), key.keyid());
        assertEquals("Verified OK", opensslVerify(tmp, new Signer(key).sign(Envelope.IN_TOTO, Interop.statement()),
                tmp.resolve("pub.pem")));
        // A public key of another key pair (a stale .pub) would have the envelopes name a key nobody holds.
        var stale = SigningKey.generate(KeyAlgorithm.ECDSA_P256).publicKey();
        e = assertThrows(IllegalArgumentException.class, () -> PemKeys.readPrivate(bare, () -> stale));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
        // Keys that hold their public key never ask for one.
        assertEquals(key.keyid(), PemKeys.readPrivate(Files.readString(tmp.resolve("k.pem")), () -> stale).keyid());
        // A SEC1 key is refused with the conversion to use, as before.
        e = assertThrows(IllegalArgumentException.class,
                () -> PemKeys.readPrivate(Files.readString(tmp.resolve("sec1.pem"))));
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
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
