package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.failure.ExitCode;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conventions of OutputConventionsTest once more through the built jar: a child's environment, a real pipe. */
class ConventionsIT {
    @TempDir
    Path tmp;

    @Test
    void anEnvironmentDefaultReachesTheCommandAndTheCommandLineWins() {
        String a = TestData.path("nix/path-info.json").toString();
        String b = TestData.path("nix/meta.json").toString();
        Tools.Result env = Ocisc.run(Map.of("OCISC_EXIT_CODE", "0"), "diff", a, b, "-f", "json");
        assertEquals(0, env.exitCode(), env.stderr());
        assertTrue(env.stdout().contains("\"verdict\": \"drift\""), env.stdout());
        assertEquals(ExitCode.FOUND, Ocisc.run(Map.of("OCISC_EXIT_CODE", "0"), "diff", a, b, "--exit-code", "1")
                .exitCode());
        Tools.Result bad = Ocisc.run(Map.of("OCISC_EXIT_CODE", "three"), "diff", a, b);
        assertEquals(ExitCode.USAGE, bad.exitCode(), bad.stderr());
        assertTrue(bad.stderr().contains("--exit-code") && bad.stderr().contains("three"), bad.stderr());
        // And in help, where a CI author looks for it.
        assertTrue(Ocisc.run("diff", "--help").stdout().replaceAll("\\s+", " ").contains("$OCISC_EXIT_CODE"));
    }

    @Test
    void nixPathInfoPipedIntoSbomDash() throws Exception {
        Path pathInfo = TestData.path("nix/path-info.json");
        Tools.Result piped = Ocisc.runWithStdin(pathInfo, Map.of(), "-q", "sbom", "-", "-o", "spdx-json");
        assertEquals(0, piped.exitCode(), piped.stderr());
        assertEquals("", piped.stderr());
        assertEquals(Ocisc.run("sbom", pathInfo.toString(), "-o", "spdx-json").stdout(), piped.stdout());
        Path notJson = Files.writeString(tmp.resolve("x"), "not json");
        Tools.Result bad = Ocisc.runWithStdin(notJson, Map.of(), "sbom", "-");
        CliIT.assertOneLineError(bad, ExitCode.BAD_INPUT, "ocisc: <stdin>: ");
    }
}
