package dev.ocisc.sbom;

import dev.ocisc.graph.Graph;
import dev.ocisc.nix.NixTarget;
import dev.ocisc.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** SBOMs of the testdata Nix build. */
final class Fixture {
    static final Instant EPOCH_TIME = Instant.ofEpochSecond(1700000000);

    private Fixture() {
    }

    static Graph graph(Graph.Mode mode) {
        return new NixTarget(TestData.path("nix/result").toString(), TestData.nixStore()).resolve(mode);
    }

    static Sbom sbom(Graph.Mode mode, NixpkgsMeta meta) {
        return new GraphSbom(meta, EPOCH_TIME, "test").build(graph(mode));
    }

    static byte[] bytes(Sbom sbom, Format f) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            f.writer().write(sbom, buf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    static Path write(Path dir, Sbom sbom, Format f) throws IOException {
        Path p = dir.resolve(sbom.lifecycle() + f.extension());
        Files.write(p, bytes(sbom, f));
        return p;
    }
}
