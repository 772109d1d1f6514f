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

/**
 * Values whose module parses them (key algorithm, variation, drift class, platform, -P derivation): a bad one is a
 * usage error with the module's own message, the whole line, and no output; a good one works in any case.
 */
class UserValuesTest {
    @TempDir
    Path tmp;

    static void refused(Tools.Result r, String line) {
        assertEquals(ExitCode.USAGE, r.exitCode(), r.stdout() + r.stderr());
        assertEquals("ocisc: " + line + "\n", r.stderr());
        assertEquals("", r.stdout());
    }

    @Test
    void keyAlgorithm() throws Exception {
        refused(Ocisc.inProcess("keygen", "-a", "rsa", "-o", tmp.resolve("k").toString()),
                "unknown key algorithm 'rsa' (ecdsa-p256, ed25519)");
        assertTrue(Files.notExists(tmp.resolve("k.key")));
        Tools.Result ok = Ocisc.inProcess("keygen", "-a", "ED25519", "-o", tmp.resolve("ed").toString());
        assertEquals(0, ok.exitCode(), ok.stderr());
        assertTrue(ok.stderr().contains("(ed25519, keyid "), ok.stderr());
    }

    @Test
    void variation() {
        refused(Ocisc.inProcess("verify", "rebuild", "--vary", "time,bogus", "--source", tmp.toString(),
                "--artifact", "a", "--", "true"),
                "unknown variation 'bogus' (time, tz, locale, umask, path, home, hostname, dirorder)");
    }

    @Test
    void driftClassAndBlankEntries() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(a.resolve("f"), "x");
        refused(Ocisc.inProcess("diff", "--ignore", "timestamps,nonsense", a.toString(), a.toString()),
                "unknown drift class 'nonsense' (known: " + dev.ocisc.diff.DriftClass.ids() + ")");
        // An empty entry names nothing, as from --ignore "$UNSET" in a CI job.
        Tools.Result blank = Ocisc.inProcess("diff", "--ignore", "", "--ignore", "timestamps,,order", a.toString(),
                a.toString());
        assertEquals(0, blank.exitCode(), blank.stderr());
    }

    @Test
    void platformOnTheCommandLineAndFromTheEnvironment() {
        String image = TestData.path("oci/multiarch").toString();
        refused(Ocisc.inProcess("layers", "--platform", "linux", image),
                "platform must be os/arch[/variant], got 'linux'");
        // From the environment, the message names the variable: nothing on the command line is wrong.
        refused(Ocisc.inProcess(Map.of("OCISC_PLATFORM", "linux/"), new byte[0], "layers", image),
                "OCISC_PLATFORM: platform must be os/arch[/variant], got 'linux/'");
        refused(Ocisc.inProcess(Map.of("OCISC_EXIT_CODE", "abc"), new byte[0], "diff", image, image),
                "OCISC_EXIT_CODE: Invalid value for option '--exit-code': 'abc' is not an int");
        // The command line wins over the variable, bad or not.
        refused(Ocisc.inProcess(Map.of("OCISC_PLATFORM", "linux/arm64"), new byte[0], "layers", "--platform=x",
                image), "platform must be os/arch[/variant], got 'x'");
        Tools.Result arm = Ocisc.inProcess(Map.of("OCISC_PLATFORM", "linux/arm64"), new byte[0], "layers", "-f",
                "json", image);
        assertEquals(0, arm.exitCode(), arm.stderr());
    }

    @Test
    void derivationIsNotAParameter() {
        refused(Ocisc.inProcess("provenance", TestData.path("nix/result").toString(), "--store",
                TestData.nixStore().toString(), "-P", "derivation=/nix/store/x.drv"),
                "externalParameters.derivation is set from the target; it cannot be given with -P");
    }
}
