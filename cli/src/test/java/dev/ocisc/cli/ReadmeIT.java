package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shell example in the README runs as written, in order, from a directory that looks like a fresh clone,
 * and prints what the README shows. An example is a {@code $ } line in an indented block (with {@code \}
 * continuations); the lines under it, up to the next {@code $ } or the end of the block, are its output, where a
 * line {@code ...} stands for any number of lines and {@code ...} inside a line for any text. A command ending in
 * {@code # exit N} must exit N, every other one 0. The examples about registries use {@code $REGISTRY}: a real
 * registry (Debian's docker-registry, plain HTTP on a free loopback port) that this test starts for them.
 */
class ReadmeIT {
    private static final Path ROOT = Path.of(System.getProperty("ocisc.root"));
    private static final Pattern EXIT = Pattern.compile("#\\s*exit (\\d+)\\b[^\\n]*$");
    /** The tools the examples use beside ocisc; .ci/run installs them. */
    private static final List<String> TOOLS = List.of("umoci", "skopeo", "zstd", "gzip", "nix-build", "faketime",
            "cc", "go", "python3", "docker-registry");

    @TempDir
    static Path clone;

    @TempDir
    static Path registryDir;

    private static dev.ocisc.testing.LocalRegistry registry;

    /** One example: the command, the output the README shows, the exit code it promises, where it is. */
    record Example(String command, List<String> output, int exitCode, int line) {
    }

    @BeforeAll
    static void lookLikeAClone() throws Exception {
        // The launcher and the fixtures, as a clone has them; the examples' own files land in the temporary copy.
        for (String f : List.of("ocisc", "testdata", "docs")) {
            Files.createSymbolicLink(clone.resolve(f), ROOT.resolve(f));
        }
        // The launcher's first run after a build prepares its class-data archive and says so on stderr, once.
        Tools.Result warm = Tools.run(clone, "bash", "ocisc", "--version");
        assertEquals(0, warm.exitCode(), warm.stderr());
        registry = dev.ocisc.testing.LocalRegistry.plain(registryDir);
    }

    @org.junit.jupiter.api.AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    static List<Example> examples(List<String> readme) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < readme.size(); i++) {
            String line = readme.get(i);
            int indent = indent(line);
            if (indent < 4 || !line.startsWith("$ ", indent)) {
                continue;
            }
            int start = i;
            StringBuilder cmd = new StringBuilder(line.substring(indent + 2));
            while (cmd.toString().endsWith("\\") && i + 1 < readme.size()) {
                cmd.append('\n').append(readme.get(++i));
            }
            List<String> output = new ArrayList<>();
            while (i + 1 < readme.size()) {
                String next = readme.get(i + 1);
                boolean blank = next.isBlank();
                if (!blank && (indent(next) < indent || next.startsWith("$ ", indent))) {
                    break;
                }
                output.add(blank ? "" : next.substring(indent).stripTrailing());
                i++;
            }
            while (!output.isEmpty() && output.get(output.size() - 1).isEmpty()) {
                output.remove(output.size() - 1);
            }
            Matcher m = EXIT.matcher(cmd);
            out.add(new Example(cmd.toString(), output, m.find() ? Integer.parseInt(m.group(1)) : 0, start + 1));
        }
        return out;
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    /** Expected lines against actual ones: "..." alone matches any run of lines, inside a line any text. */
    static boolean matches(List<String> expected, List<String> actual) {
        // reach[j]: the expected lines so far can end just before actual line j.
        boolean[] reach = new boolean[actual.size() + 1];
        reach[0] = true;
        for (String e : expected) {
            boolean[] next = new boolean[actual.size() + 1];
            if (e.strip().equals("...")) {
                boolean any = false;
                for (int j = 0; j <= actual.size(); j++) {
                    any |= reach[j];
                    next[j] = any;
                }
            } else {
                Pattern p = linePattern(e);
                for (int j = 0; j < actual.size(); j++) {
                    next[j + 1] = reach[j] && p.matcher(actual.get(j)).matches();
                }
            }
            reach = next;
        }
        return reach[actual.size()];
    }

    private static Pattern linePattern(String expected) {
        StringBuilder re = new StringBuilder();
        String[] parts = expected.split("\\.\\.\\.", -1);
        for (int k = 0; k < parts.length; k++) {
            re.append(Pattern.quote(parts[k]));
            if (k < parts.length - 1) {
                re.append(".*");
            }
        }
        return Pattern.compile(re.toString());
    }

    @Test
    void theMatcherIsStrictWhereTheReadmeIsExact() {
        assertTrue(matches(List.of("a", "...", "d"), List.of("a", "b", "c", "d")));
        assertTrue(matches(List.of("key 5a65..."), List.of("key 5a653b84")));
        assertTrue(!matches(List.of("a", "d"), List.of("a", "b", "d")), "no silent gaps");
        assertTrue(!matches(List.of("a"), List.of("a", "b")), "no silent tail");
        assertTrue(!matches(List.of("a", "..."), List.of("b")));
        List<Example> ex = examples(List.of("text", "", "    $ echo a \\", "        b   # exit 1", "    a b", "",
                "    out", "more text", "    $ true"));
        assertEquals(2, ex.size());
        assertEquals("echo a \\\n        b   # exit 1", ex.get(0).command());
        assertEquals(List.of("a b", "", "out"), ex.get(0).output());
        assertEquals(1, ex.get(0).exitCode());
        assertEquals(List.of(), ex.get(1).output());
    }

    @TestFactory
    Stream<DynamicTest> everyExampleRunsAsWritten() throws Exception {
        List<Example> examples = examples(Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8));
        assertTrue(examples.size() >= 20, "examples found: " + examples.size());
        TOOLS.forEach(Tools::require);
        return examples.stream()
                // The test command is what runs this test.
                .filter(e -> !e.command().startsWith("mvn "))
                .map(e -> DynamicTest.dynamicTest("README.md:" + e.line() + " " + e.command().lines().findFirst()
                        .orElse(""), () -> run(e)));
    }

    private static void run(Example e) {
        // Both streams in one, interleaved as a terminal shows them (Tools.run's stderr stays empty).
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -o pipefail\n" + e.command())
                .directory(clone.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.equals("SOURCE_DATE_EPOCH") || k.startsWith("OCISC_"));
        pb.environment().put("REGISTRY", registry.host());
        Tools.Result r = Tools.run(pb);
        String where = "README.md:" + e.line() + ": " + e.command() + "\n--- printed (exit " + r.exitCode()
                + ") ---\n" + r.stdout();
        assertEquals(e.exitCode(), r.exitCode(), where);
        List<String> lines = new ArrayList<>(r.stdout().lines().map(String::stripTrailing).toList());
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        assertTrue(matches(e.output(), lines), where + "--- README shows ---\n" + String.join("\n", e.output()));
    }
}
