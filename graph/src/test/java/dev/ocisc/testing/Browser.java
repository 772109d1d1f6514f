package dev.ocisc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * A real browser for HTML reports: Debian's chromium, headless, driven by playwright-core (npm, in
 * graph/src/test/js/browser; the system browser, never a downloaded one). {@link #load} opens a report file,
 * aborts and records every request it makes, and returns what the page showed; each load keeps a screenshot in
 * the module's {@code target/screenshots/} as a test artefact.
 */
public final class Browser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Browser() {
    }

    /**
     * Typing {@code text} into the field {@code input}, then counting the visible elements matching {@code rows}; the
     * field is emptied again unless {@code keep} (the screenshot then shows what the search found).
     */
    public record Search(String input, String text, String rows, boolean keep) {
        public Search(String input, String text, String rows) {
            this(input, text, rows, false);
        }
    }

    /** What the page did and showed; {@code loadMillis} from navigation to the load event, scripts run. */
    public record Page(String title, List<String> console, List<String> pageErrors, List<String> requests,
            Map<String, Integer> counts, List<Integer> searchVisible, long loadMillis) {
        /** No console error or warning, no script error, no request: a self-contained page that works offline. */
        public Page assertClean() {
            assertEquals(List.of(), console, "console messages");
            assertEquals(List.of(), pageErrors, "page errors");
            assertEquals(List.of(), requests, "requests the page made");
            return this;
        }

        public int count(String selector) {
            return counts.get(selector);
        }
    }

    /** Loads {@code html} and keeps a screenshot named {@code name}. */
    public static Page load(Path html, String name, List<String> count, List<Search> searches) {
        return load(html, name, count, searches, false);
    }

    public static Page load(Path html, String name, List<String> count, List<Search> searches, boolean fullPage) {
        Path script = script();
        try {
            Path shots = Path.of("target", "screenshots").toAbsolutePath();
            Files.createDirectories(shots);
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("file", html.toAbsolutePath().toString());
            spec.put("screenshot", shots.resolve(name + ".png").toString());
            spec.put("full_page", fullPage);
            spec.put("count", count);
            List<Map<String, Object>> s = new ArrayList<>();
            for (Search search : searches) {
                s.add(Map.of("input", search.input(), "text", search.text(), "rows", search.rows(), "keep",
                        search.keep()));
            }
            spec.put("search", s);
            Path specFile = Files.createTempFile("ocisc-browser", ".json");
            try {
                JSON.writeValue(specFile.toFile(), spec);
                Tools.Result r = Tools.run(new ProcessBuilder("node", script.toString(), specFile.toString()),
                        Duration.ofMinutes(3));
                if (r.exitCode() != 0) {
                    fail("the browser check failed (" + r.exitCode() + "): " + r.stderr());
                }
                JsonNode j = JSON.readTree(r.stdout());
                Map<String, Integer> counts = new LinkedHashMap<>();
                j.path("counts").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
                List<Integer> visible = new ArrayList<>();
                j.path("search").forEach(x -> visible.add(x.path("visible").asInt()));
                return new Page(j.path("title").asText(), strings(j.path("console")),
                        strings(j.path("page_errors")), strings(j.path("requests")), counts, visible,
                        j.path("load_ms").asLong(-1));
            } finally {
                Files.deleteIfExists(specFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static Path script() {
        Tools.require("node");
        Tools.require("chromium");
        Path dir = TestData.root().resolve("graph/src/test/js/browser");
        if (!Files.isDirectory(dir.resolve("node_modules/playwright-core"))) {
            String msg = "playwright-core is not installed (npm ci in graph/src/test/js/browser; .ci/run does it)";
            if (Tools.required()) {
                fail(msg + " (OCISC_REQUIRE_TOOLS=1)");
            }
            Assumptions.abort(msg);
        }
        return dir.resolve("check-page.mjs");
    }
}
