package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.failure.ExitCode;
import dev.ocisc.testing.Tools;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BuildInfoTest {
    private static Properties props(String commit, String date) {
        Properties p = new Properties();
        p.setProperty("commit", commit);
        p.setProperty("commit.date", date);
        p.setProperty("output.timestamp", "1980-01-01T00:00:02Z");
        return p;
    }

    @Test
    void withGitTheCommitAndItsDate() {
        assertEquals(new BuildInfo("0123abcd", "2026-12-05T02:20:29Z"),
                BuildInfo.of(props("0123abcd", "2026-12-05T02:20:29Z")));
    }

    /** Built without git (a source archive): the antrun step leaves the values empty, or Maven its placeholders. */
    @Test
    void withoutGitUnknownAndTheFixedTimestamp() {
        BuildInfo expected = new BuildInfo("unknown", "1980-01-01T00:00:02Z");
        assertEquals(expected, BuildInfo.of(props("", "")));
        assertEquals(expected, BuildInfo.of(props("${ocisc.commit}", "${ocisc.commit.date}")));
    }

    @Test
    void versionHasThreeLinesAndCompletionTakesBashOrZsh() {
        Tools.Result v = Ocisc.inProcess("--version");
        assertEquals(0, v.exitCode(), v.stderr());
        String[] lines = v.stdout().split("\n");
        assertEquals(3, lines.length, v.stdout());
        assertTrue(lines[1].startsWith("commit: ") && lines[2].startsWith("built: "), v.stdout());

        Tools.Result bash = Ocisc.inProcess("completion", "bash");
        assertEquals(0, bash.exitCode(), bash.stderr());
        assertTrue(bash.stdout().contains("complete -F _complete_ocisc"), bash.stdout());
        assertEquals(bash.stdout(), Ocisc.inProcess("completion", "zsh").stdout());
        Tools.Result fish = Ocisc.inProcess("completion", "fish");
        assertEquals(ExitCode.USAGE, fish.exitCode());
        assertTrue(fish.stderr().contains("fish"), fish.stderr());
    }
}
