package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar reads images: zstd's native library must survive shading. */
class ImageIT {
    @Test
    void sbomOfAZstdNixImageThroughTheJar() {
        Tools.Result r = Ocisc.run("sbom", TestData.path("oci/nix-greeter-db.tar.zst").toString(), "-f", "csv");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(6, r.stdout().lines().filter(l -> l.startsWith("/nix/store/") || l.startsWith("pkg:oci/")).count(),
                r.stdout());
    }

    @Test
    void hostileImageExitsThree(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("img.tar.gz");
        byte[] all = Files.readAllBytes(TestData.path("oci/nix-greeter.tar.gz"));
        all[all.length / 2] ^= 0x55; // flips bits inside the deflate stream
        Files.write(bad, all);
        Tools.Result r = Ocisc.run("layers", bad.toString());
        assertEquals(3, r.exitCode(), r.stderr());
        assertTrue(r.stderr().startsWith("ocisc: " + bad), r.stderr());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
    }
}
