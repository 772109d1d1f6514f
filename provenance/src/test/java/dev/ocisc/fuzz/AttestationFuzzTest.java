package dev.ocisc.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ocisc.dsse.AttestationFile;
import dev.ocisc.dsse.Envelope;
import dev.ocisc.dsse.KeyAlgorithm;
import dev.ocisc.dsse.SignedAttestation;
import dev.ocisc.dsse.Signer;
import dev.ocisc.dsse.SigningKey;
import dev.ocisc.dsse.VerificationException;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.slsa.AttestationVerifier;
import dev.ocisc.slsa.Expectations;
import dev.ocisc.testing.FuzzInput;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Timeout;

/**
 * What a deploy gate reads: attestation files (DSSE envelopes, JSON Lines of them, Sigstore bundles), and the
 * statement inside a correctly signed envelope, which only the signer controls. The answer is a verdict,
 * {@link VerificationException} (exit 1) or {@link InvalidInputException} (exit 3); anything else is a finding.
 */
class AttestationFuzzTest {
    private static final SigningKey KEY = SigningKey.generate(KeyAlgorithm.ED25519);
    private static final Expectations EXPECT = new Expectations(
            List.of(new TreeMap<>(Map.of("sha256", "2997cd722d05c3d6b204e7533ad0bf0da6e8cc3d3bbf3f49379b91d227eab060"))),
            "https://ci.example.org/ocisc-builder", null, null);

    @FuzzTest(maxDuration = "10s")
    @Timeout(10)
    void attestationFile(byte[] data) throws Exception {
        FuzzInput.asFile(data, ".intoto.jsonl", file -> {
            for (SignedAttestation a : AttestationFile.read(file)) {
                verify(a);
            }
        });
    }

    @FuzzTest(maxDuration = "10s")
    @Timeout(10)
    void signedStatement(byte[] statement) {
        verify(new SignedAttestation(new Signer(KEY).sign(Envelope.IN_TOTO, statement), null, "fuzz"));
    }

    private static void verify(SignedAttestation a) {
        try {
            new AttestationVerifier(KEY.publicKey(), EXPECT).verify(a);
        } catch (VerificationException | InvalidInputException expected) {
            // not verified, or unreadable: both are answers
        }
    }
}
