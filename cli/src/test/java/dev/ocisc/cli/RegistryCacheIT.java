package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.testing.LocalRegistry;
import dev.ocisc.testing.TcpProxy;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blob cache shared by two ocisc processes reading the same image from a real registry at the same time. */
class RegistryCacheIT {
    @TempDir
    Path tmp;

    @Test
    void twoConcurrentRunsShareTheCache() throws Exception {
        Path debian = TestData.path("oci/debian").toAbsolutePath().normalize();
        try (LocalRegistry registry = LocalRegistry.plain(tmp.resolve("registry"));
                TcpProxy proxy = new TcpProxy(registry.port())) {
            registry.push("oci:" + debian + ":latest", "debian:latest");
            String ref = proxy.host() + "/debian:latest";
            Map<String, String> env = Map.of("XDG_CACHE_HOME", tmp.resolve("cache").toString(),
                    "SOURCE_DATE_EPOCH", "0");
            CompletableFuture<Tools.Result> a = CompletableFuture.supplyAsync(() -> Ocisc.run(env, "sbom", ref));
            CompletableFuture<Tools.Result> b = CompletableFuture.supplyAsync(() -> Ocisc.run(env, "sbom", ref));
            Tools.Result ra = a.get();
            Tools.Result rb = b.get();
            assertEquals(0, ra.exitCode(), ra.stderr());
            assertEquals(0, rb.exitCode(), rb.stderr());
            assertEquals(ra.stdout(), rb.stdout());

            // Whole, verified entries only: each file is the blob its name says, no temporary file is left.
            Path blobs = tmp.resolve("cache/ocisc/blobs");
            List<Path> files;
            try (Stream<Path> walk = Files.walk(blobs)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            assertEquals(3, files.size(), files.toString()); // the config and two layers
            for (Path f : files) {
                String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(f)));
                assertEquals(f.getFileName().toString(), hex);
                assertTrue(Files.exists(debian.resolve("blobs/sha256").resolve(hex)), f.toString());
            }

            // A third run downloads nothing, and writes the same SBOM.
            long gets = proxy.blobGets();
            Tools.Result again = Ocisc.run(env, "sbom", ref);
            assertEquals(ra.stdout(), again.stdout());
            assertEquals(gets, proxy.blobGets(), proxy.requests().toString());
        }
    }
}
