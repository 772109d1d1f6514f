package dev.ocisc.slsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dirHash and sha256 checked against coreutils, the tools the in-toto spec defines dirHash with. */
class ArtifactDigestTest {
    /** The in-toto DigestSet spec's definition of dirHash, run by the shell. */
    static String dirHashByShell(Path dir) {
        // pipefail: a failing step fails the test instead of hashing whatever reached the last one.
        return Tools.check(dir, "bash", "-c", "set -euo pipefail; "
                + "find . -type f | cut -c3- | LC_ALL=C sort | xargs -r -d '\\n' sha256sum | sha256sum | cut -f1 -d' '")
                .strip();
    }

    @Test
    void dirHashOfTheFixtureOutputsMatchesCoreutils() {
        Tools.require("sha256sum");
        for (String out : new String[] {"ihy4kdy0gh57692zs4fmkqx5w7ssxq8q-greeter-2.1.0",
                "snaccphas7hhnk01gfypgplibzd5ndbd-libgreet-1.4.2-dev"}) {
            Path dir = TestData.nixStore().resolve("nix/store").resolve(out);
            assertEquals(dirHashByShell(dir), ArtifactDigest.dirHash(dir), out);
        }
    }

    @Test
    void byteOrderNonAsciiNamesAndSymlinks(@TempDir Path dir) throws Exception {
        Tools.require("sha256sum");
        // 'B' < 'a' < 'é' (0xC3) in bytes; "a/b" sorts after "a.b" ('/' is 0x2F, '.' 0x2E).
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("a/b"), "1");
        Files.writeString(dir.resolve("a.b"), "2");
        Files.writeString(dir.resolve("B"), "3");
        Files.writeString(dir.resolve("é.txt"), "Grüße", StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("empty"));
        Files.createSymbolicLink(dir.resolve("link"), Path.of("a/b"));
        assertEquals(dirHashByShell(dir), ArtifactDigest.dirHash(dir));
        String before = ArtifactDigest.dirHash(dir);
        Files.writeString(dir.resolve("a/b"), "changed");
        assertTrue(!before.equals(ArtifactDigest.dirHash(dir)), "content change changes the dirHash");
    }

    @Test
    void fileDigestIsSha256sum() {
        Tools.require("sha256sum");
        Path tar = TestData.nixStore().resolve("nix/store/kxbh5m9siwc5z8drirh9hb5hh99mqppd-greeting-data-1.0.tar");
        String shell = Tools.check(null, "sha256sum", tar.toString()).split(" ")[0];
        assertEquals(shell, ArtifactDigest.of(tar).get("sha256"));
        assertEquals(1, ArtifactDigest.of(tar).size());
    }
}
