package dev.ocisc.rebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.diff.DiffOptions;
import dev.ocisc.diff.DriftClass;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.failure.UsageException;
import dev.ocisc.testing.RecordingProgress;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** testdata/diff/rebuild/build.sh embeds the time and leaves modes to the umask: bisect must name both. */
class RebuildTest {
    @BeforeAll
    static void tools() {
        Tools.require("faketime");
        Tools.require("tar");
    }

    private static Rebuild.Plan plan(int runs, Set<Variation> vary, boolean bisect) {
        return new Rebuild.Plan(List.of("sh", "build.sh"), TestData.path("diff/rebuild"), "artifact.tar", runs,
                vary, bisect);
    }

    /** Nothing runs for a plan that cannot work: fewer than two runs, or a source that is not a directory. */
    @Test
    void aPlanThatCannotWorkIsRefusedBeforeAnyBuild() {
        Rebuild rebuild = new Rebuild(DiffOptions.DEFAULT, s -> { });
        assertEquals("--runs must be at least 2", assertThrows(UsageException.class,
                () -> rebuild.run(plan(1, Set.of(), false))).getMessage());
        java.nio.file.Path file = TestData.path("diff/rebuild/build.sh");
        assertEquals(file + ": not a directory", assertThrows(InvalidInputException.class,
                () -> rebuild.run(new Rebuild.Plan(List.of("sh", "build.sh"), file, "artifact.tar", 2, Set.of(),
                        false))).getMessage());
    }

    /** A build command that cannot start is named before any run, not as whatever wraps it failing. */
    @Test
    void aMissingCommandIsNamedBeforeAnyRun() {
        Rebuild rebuild = new Rebuild(DiffOptions.DEFAULT, s -> { });
        assertEquals("no-such-build-tool: command not found on PATH", assertThrows(
                dev.ocisc.failure.ExternalToolException.class, () -> rebuild.run(new Rebuild.Plan(
                        List.of("no-such-build-tool"), TestData.path("diff/rebuild"), "artifact.tar", 2, Set.of(),
                        false))).getMessage());
        assertTrue(assertThrows(dev.ocisc.failure.ExternalToolException.class, () -> rebuild.run(new Rebuild.Plan(
                List.of("./missing.sh"), TestData.path("diff/rebuild"), "artifact.tar", 2, Set.of(), false)))
                .getMessage().startsWith("./missing.sh: command not found (or not executable) in "));
    }

    /** Each run is reported once it is done, out of all the runs, with which run it is beside the count. */
    @Test
    void eachRunIsReportedOutOfAll() {
        RecordingProgress progress = new RecordingProgress();
        List<String> notes = new java.util.ArrayList<>();
        new Rebuild(DiffOptions.DEFAULT, notes::add, progress).run(plan(3, EnumSet.of(Variation.UMASK), false));
        RecordingProgress.Task task = progress.only();
        assertEquals("rebuild runs", task.label);
        assertEquals(3, task.total);
        assertEquals(3, task.advanced.get());
        assertEquals(List.of("control", "all", "all"), task.notes);
        assertEquals(List.of("run 1/3 (control)", "run 2/3 (all)", "run 3/3 (all)"), notes);
        assertTrue(task.closed.get());
    }

    @Test
    void bisectNamesTimeAndUmaskAndNothingElse() {
        Rebuild.Result r = new Rebuild(DiffOptions.DEFAULT, s -> { }).run(plan(2, EnumSet.allOf(Variation.class),
                true));
        assertFalse(r.reproducible());
        Map<String, Set<DriftClass>> causes = r.causes();
        assertEquals(Set.of("time", "umask"), causes.keySet(), causes::toString);
        assertEquals(Set.of(DriftClass.EMBEDDED_TIME), causes.get("time"));
        assertEquals(Set.of(DriftClass.PERMISSIONS), causes.get("umask"));
        // the control rerun matched the control run: the drift is the variations', not the build's own noise
        assertTrue(r.comparisons().stream().filter(c -> c.setting().label().equals("control"))
                .allMatch(c -> c.drift().identical()));
    }

    @Test
    void bisectNamesDirectoryOrderForABuildThatConcatenatesInFindOrder() {
        Tools.require("cc");
        Rebuild.Result r = new Rebuild(DiffOptions.DEFAULT, s -> { }).run(new Rebuild.Plan(List.of("sh", "build.sh"),
                TestData.path("diff/rebuild-dirorder"), "artifact.txt", 2, EnumSet.allOf(Variation.class), true));
        assertFalse(r.reproducible());
        assertEquals(Map.of("dirorder", Set.of(DriftClass.CONTENT)), r.causes());
        assertTrue(r.notApplied().isEmpty(), r.notApplied()::toString);
        // the varied run really listed the parts in another order: the same bytes, rearranged
        var run = r.comparisons().stream().filter(c -> c.setting().label().equals("dirorder")).findFirst()
                .orElseThrow();
        assertEquals(1, run.drift().contents().size(), () -> run.drift().toString());
        assertEquals(run.drift().contents().get(0).sizeA(), run.drift().contents().get(0).sizeB());
    }

    @Test
    void varyingOnlyHarmlessPropertiesIsReproducible() {
        Rebuild.Result r = new Rebuild(DiffOptions.DEFAULT, s -> { }).run(plan(3,
                EnumSet.of(Variation.TZ, Variation.LOCALE, Variation.PATH, Variation.HOME), false));
        assertTrue(r.reproducible(), () -> r.comparisons().toString());
        assertEquals(2, r.comparisons().size());
    }

    @Test
    void allVariationsAtOnceShowBothDrifts() {
        Rebuild.Result r = new Rebuild(DiffOptions.DEFAULT, s -> { }).run(plan(2,
                EnumSet.of(Variation.TIME, Variation.UMASK), false));
        assertFalse(r.reproducible());
        assertEquals(Set.of(DriftClass.EMBEDDED_TIME, DriftClass.PERMISSIONS),
                r.comparisons().get(0).drift().classes().keySet());
    }
    /**
     * A tool that judges reproducibility reports reproducibly: two runs of the same plan write the same bytes in
     * every format, naming the artifacts by run rather than by the temporary directory they were kept in.
     */
    @Test
    void theSameRebuildWritesTheSameReport() throws Exception {
        Rebuild.Plan p = plan(2, EnumSet.of(Variation.TIME, Variation.UMASK), true);
        Rebuild.Result first = new Rebuild(DiffOptions.DEFAULT, s -> { }).run(p);
        Rebuild.Result second = new Rebuild(DiffOptions.DEFAULT, s -> { }).run(p);
        for (dev.ocisc.diff.ReportFormat f : dev.ocisc.diff.ReportFormat.values()) {
            String a = report(f, first);
            assertEquals(a, report(f, second), f.toString());
            assertFalse(a.contains("ocisc-rebuild-"), f + " names a temporary path: " + a);
            assertTrue(a.contains("artifact.tar (run 1, control)"), f + ": " + a);
        }
    }

    private static String report(dev.ocisc.diff.ReportFormat f, Rebuild.Result r) throws java.io.IOException {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        RebuildReport.forFormat(f).write(r, true, buf);
        return buf.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
