package dev.ocisc.dsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Key files made to make a PEM reader backtrack (a regular expression took minutes on a header and some thousand
 * spaces): each is answered correctly. The timeout only catches a hang; it is no speed requirement.
 */
class PemHostileTest {
    static final Duration HANG = Duration.ofSeconds(10);
    static final int BIG = 200_000;

    static String refusedAsPrivate(String pem) {
        return assertTimeoutPreemptively(HANG, () -> assertThrows(IllegalArgumentException.class,
                () -> PemKeys.readPrivate(pem)).getMessage());
    }

    static String refusedAsPublic(String pem) {
        return assertTimeoutPreemptively(HANG, () -> assertThrows(IllegalArgumentException.class,
                () -> PemKeys.readPublic(pem)).getMessage());
    }

    @Test
    void headersFollowedByWhitespaceAndNoEnd() {
        for (String ws : List.of(" ", "\n", " \t\r\n", "\u000b\f")) {
            String spaces = ws.repeat(BIG / ws.length());
            assertEquals("not a PEM private key", refusedAsPrivate("-----BEGIN PRIVATE KEY-----" + spaces));
            assertEquals("not a PEM public key", refusedAsPublic("-----BEGIN PUBLIC KEY-----" + spaces));
            assertEquals("not a PEM private key", refusedAsPrivate("-----BEGIN " + spaces));
            assertEquals("not a PEM private key", refusedAsPrivate("-----BEGIN PRIVATE KEY-----" + spaces
                    + "-----END PRIVATE KEY"));
            assertEquals("not a PEM private key", refusedAsPrivate("-----BEGIN PRIVATE KEY-----" + spaces
                    + "-----END PUBLIC KEY-----"));
            assertEquals("not a PEM private key", refusedAsPrivate("-----BEGIN PRIVATE KEY-----" + spaces + "AAAA"
                    + spaces + "!"));
        }
    }

    @Test
    void manyPartialHeaders() {
        for (String piece : List.of("-----BEGIN ", "-----BEGIN A", "-----BEGIN A-----", "-----BEGIN A----- ",
                "-----BEGIN PRIVATE KEY-----AAAA-----END ", "-----END PRIVATE KEY-----", "-----", "-")) {
            assertEquals("not a PEM private key", refusedAsPrivate(piece.repeat(BIG / piece.length())), piece);
        }
        // Complete blocks of another kind, many of them: named by the first.
        String other = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        assertEquals("not a PEM private key (it holds a PEM CERTIFICATE)",
                refusedAsPrivate(other.repeat(BIG / other.length())));
    }

    @Test
    void aRealKeyIsFoundAmongHostileText() {
        SigningKey key = SigningKey.generate(KeyAlgorithm.ED25519);
        String pub = PemKeys.publicKeyPem(key.publicKey());
        String junk = "-----BEGIN PUBLIC KEY-----" + " ".repeat(BIG) + "\n";
        String found = assertTimeoutPreemptively(HANG, () -> KeyId.of(PemKeys.readPublic(junk + pub + junk)));
        assertEquals(key.keyid(), found);
        // The body may be wrapped and indented any way whitespace allows.
        String spaced = pub.replace("\n", " \t\r\n  ");
        assertEquals(key.keyid(), KeyId.of(PemKeys.readPublic(spaced)));
        assertEquals(key.keyid(), PemKeys.readPrivate(PemKeys.privateKeyPem(key)).keyid());
    }
}
