package dev.ocisc.slsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ocisc.failure.UsageException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class WantedArtifactTest {
    private static String refused(String digest) {
        return assertThrows(UsageException.class, () -> WantedArtifact.withDigest(digest)).getMessage();
    }

    @Test
    void aDigestIsOneSetInLowercaseWithTheAlgorithmAsSpelled() {
        String hex = "AB".repeat(32);
        assertEquals(List.of(new TreeMap<>(Map.of("dirHash", hex.toLowerCase()))),
                WantedArtifact.withDigest("dirHash:" + hex));
    }

    @Test
    void aDigestThatCanNeverMatchIsAUsageError() {
        assertEquals("--digest takes ALG:HEX (e.g. sha256:4e1f...), got 'sha256'", refused("sha256"));
        assertEquals("--digest takes ALG:HEX (e.g. sha256:4e1f...), got 'sha256:xyz'", refused("sha256:xyz"));
        assertEquals("--digest md5 never matches a subject; use one of dirHash, nixNarSha256, sha256, sha384, sha512",
                refused("md5:" + "0".repeat(32)));
        assertEquals("--digest sha256 takes 64 hex digits, got 4", refused("sha256:0000"));
        assertEquals("--digest DIRHASH never matches a subject; use one of dirHash, nixNarSha256, sha256, sha384, "
                + "sha512", refused("DIRHASH:" + "0".repeat(64)));
    }
}
