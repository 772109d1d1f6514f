package dev.ocisc.sbom;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ocisc.catalog.ImageCatalog;
import dev.ocisc.graph.Graph;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files, one per SBOM writer and input: every writer's bytes for the testdata Nix build (run-time, and
 * build-time with {@code testdata/nix/meta.json}) and two images, rendered at the fixed time of
 * {@link Fixture#EPOCH_TIME} and compared byte for byte with {@code sbom/src/test/resources/golden/}. A
 * failure prints the first differing line with a little context.
 *
 * <p>A change to a writer's output is made on purpose by regenerating the files and reviewing their diff:
 * {@code mvn -B -q verify -pl sbom -am -Dtest=GoldenTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Docisc.golden.update=true}, then {@code git diff sbom/src/test/resources/golden/}. See the README.md there.
 */
class GoldenTest {
    private static final Path DIR = TestData.root().resolve("sbom/src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("ocisc.golden.update");
    private static final int CONTEXT = 3;

    private record Input(String name, Supplier<Sbom> sbom) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static NixpkgsMeta meta() {
        return NixpkgsMeta.read(TestData.path("nix/meta.json"));
    }

    private static Sbom image(String fixture) {
        ImageCatalog c = ImageCatalog.of(TestData.path(fixture), ReadOptions.defaults());
        return ImageSbom.build(c, NixpkgsMeta.none(), Fixture.EPOCH_TIME, "test");
    }

    static Stream<Arguments> cases() {
        List<Input> inputs = List.of(
                new Input("nix-runtime", () -> Fixture.sbom(Graph.Mode.RUNTIME, meta())),
                new Input("nix-buildtime", () -> Fixture.sbom(Graph.Mode.BUILDTIME, meta())),
                new Input("image-debian-oci", () -> image("oci/debian.oci.tar")),
                new Input("image-nix-greeter", () -> image("oci/nix-greeter.tar.gz")));
        List<Arguments> out = new ArrayList<>();
        for (Input in : inputs) {
            for (Format f : Format.values()) {
                out.add(Arguments.of(in, f));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void writerOutputMatchesItsGoldenFile(Input in, Format f) throws IOException {
        byte[] actual = Fixture.bytes(in.sbom().get(), f);
        Path golden = DIR.resolve(in.name() + f.extension());
        if (UPDATE) {
            Files.write(golden, actual);
            return;
        }
        if (!Files.exists(golden)) {
            fail("no golden file " + TestData.root().relativize(golden) + "; create it with -Docisc.golden.update=true");
        }
        byte[] expected = Files.readAllBytes(golden);
        if (!Arrays.equals(expected, actual)) {
            fail(TestData.root().relativize(golden) + " differs from what " + f + " writes now (regenerate on purpose "
                    + "with -Docisc.golden.update=true and review the diff):\n" + firstDifference(expected, actual));
        }
    }

    /**
     * The first difference as a unified-style hunk: up to {@value #CONTEXT} equal lines before, the differing lines
     * ("-" expected, "+" actual, until the two agree again at the same line, at most {@value #CONTEXT} lines), and
     * up to {@value #CONTEXT} equal lines after.
     */
    static String firstDifference(byte[] expected, byte[] actual) {
        String[] a = new String(expected, StandardCharsets.UTF_8).split("\n", -1);
        String[] b = new String(actual, StandardCharsets.UTF_8).split("\n", -1);
        int i = 0;
        while (i < a.length && i < b.length && a[i].equals(b[i])) {
            i++;
        }
        if (i == a.length && i == b.length) {
            return "(the lines are equal; the bytes differ in their encoding)";
        }
        int from = Math.max(0, i - CONTEXT);
        int j = i + 1;
        while (j < i + CONTEXT && (j < a.length || j < b.length) && !(j < a.length && j < b.length && a[j].equals(b[j]))) {
            j++;
        }
        int after = j;
        while (after < j + CONTEXT && after < a.length && after < b.length && a[after].equals(b[after])) {
            after++;
        }
        int aDiffEnd = Math.min(a.length, j);
        int bDiffEnd = Math.min(b.length, j);
        StringBuilder s = new StringBuilder("--- expected\n+++ actual\n");
        s.append("@@ -").append(from + 1).append(',').append(aDiffEnd - from + after - j)
                .append(" +").append(from + 1).append(',').append(bDiffEnd - from + after - j).append(" @@\n");
        for (int k = from; k < i; k++) {
            s.append(' ').append(a[k]).append('\n');
        }
        for (int k = i; k < aDiffEnd; k++) {
            s.append('-').append(a[k]).append('\n');
        }
        for (int k = i; k < bDiffEnd; k++) {
            s.append('+').append(b[k]).append('\n');
        }
        for (int k = j; k < after; k++) {
            s.append(' ').append(a[k]).append('\n');
        }
        return s.toString();
    }
}
