package dev.ocisc.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.rebuild.NixCheck;
import dev.ocisc.testing.NixBuild;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real derivations (testdata/diff/nix/default.nix) built and checked live with nix-build, as a fresh machine can. */
class NixCheckTest {
    @BeforeAll
    static void nix() {
        Tools.require("nix-build");
    }

    static String build(String attr) {
        return NixBuild.build(TestData.path("diff/nix"), attr);
    }

    private static NixCheck.Outcome check(String attr) {
        String out = build(attr);
        return new NixCheck(DiffOptions.DEFAULT, NixBuild.OPTIONS).check(NixCheck.derivationOf(out));
    }

    @Test
    void deterministicDerivationIsReproducible() {
        NixCheck.Outcome o = check("deterministic");
        assertEquals(NixCheck.Status.REPRODUCIBLE, o.status());
        assertTrue(o.derivation().endsWith("-ocisc-deterministic.drv"), o.derivation());
    }

    @Test
    void timeIsNamedWithTheDifferingBytes() {
        NixCheck.Outcome o = check("time");
        assertEquals(NixCheck.Status.NOT_REPRODUCIBLE, o.status());
        Drift d = o.drifts().get(0);
        assertEquals(1, d.findings().size(), d.findings()::toString);
        Finding f = d.findings().get(0);
        assertEquals(DriftClass.EMBEDDED_TIME, f.drift());
        assertEquals("info.txt", f.path());
        ContentDiff c = d.contents().get(0);
        assertEquals("unified", c.kind());
        assertTrue(c.text().contains("\n-built=20") && c.text().contains("\n+built=20"), c.text());
        assertTrue(d.b().source().endsWith(".check"), d.b().source());
    }

    @Test
    void randomnessIsNamedWithTheDifferingBytes() {
        NixCheck.Outcome o = check("random");
        assertEquals(NixCheck.Status.NOT_REPRODUCIBLE, o.status());
        Drift d = o.drifts().get(0);
        assertEquals(List.of(DriftClass.RANDOMNESS), List.copyOf(d.classes().keySet()), d.findings()::toString);
        assertTrue(d.contents().get(0).text().contains("\n-id="), d.contents().get(0).text());
    }

    @Test
    void recursiveClosureListsEveryDerivation() {
        String out = build("all");
        List<String> drvs = NixCheck.closure(out);
        assertEquals(4, drvs.size(), drvs::toString);
        assertTrue(drvs.stream().anyMatch(p -> p.endsWith("-ocisc-embeds-random.drv")));
    }
}
