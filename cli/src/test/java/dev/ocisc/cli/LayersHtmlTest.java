package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.testing.Browser;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ocisc layers -f html} through the CLI: the two Nix-built images (gzip archive, zstd archive with the
 * store database) share their five store-path layers; the Debian image shares nothing with them. The page agrees
 * with the JSON report of the same images and loads clean in chromium.
 */
class LayersHtmlTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEGMENT = Pattern.compile(
            "<a href=\"#[^\"]+\" class=\"(alone|shared shared-(\\d+))\" style=\"width:([0-9.]+)%;background:([^\"]+)\"");

    @TempDir
    Path tmp;

    @Test
    void sharedLayersAreDrawnAsSharedAndTheSavingIsShown() throws Exception {
        String[] images = {TestData.path("oci/nix-greeter.tar.gz").toString(),
                TestData.path("oci/nix-greeter-db.tar.zst").toString(), TestData.path("oci/debian").toString()};
        Tools.Result json = Ocisc.inProcess(args("json", images));
        assertEquals(0, json.exitCode(), json.stderr());
        JsonNode j = JSON.readTree(json.stdout());
        Tools.Result html = Ocisc.inProcess(args("html", images));
        assertEquals(0, html.exitCode(), html.stderr());
        assertEquals(html.stdout(), Ocisc.inProcess(args("html", images)).stdout(), "same images, same page");
        String page = html.stdout();

        int layers = 0;
        int sharedUses = 0;
        for (JsonNode s : j.get("shared")) {
            sharedUses += s.get("in").size();
        }
        for (JsonNode i : j.get("images")) {
            layers += i.get("layers").size();
        }
        // one segment a layer; each shared layer one colour wherever it is, and a colour of its own
        Matcher m = SEGMENT.matcher(page);
        Map<String, String> colourOf = new HashMap<>();
        int segments = 0;
        int shared = 0;
        while (m.find()) {
            segments++;
            if (m.group(2) != null) {
                shared++;
                String before = colourOf.putIfAbsent(m.group(2), m.group(4));
                assertTrue(before == null || before.equals(m.group(4)), "shared layer " + m.group(2) + " one colour");
            }
        }
        assertEquals(layers, segments);
        assertEquals(sharedUses, shared);
        assertEquals(j.get("shared").size(), colourOf.size());
        assertEquals(colourOf.size(), new HashSet<>(colourOf.values()).size(), "a colour per shared layer");
        assertTrue(page.contains("title=\"" + j.get("saved_bytes").asLong() + " bytes\""), "the bytes saved");

        Path file = tmp.resolve("layers.html");
        Files.writeString(file, page);
        Browser.Page p = Browser.load(file, "layers", List.of("h2[id^=image-]", ".bar.layers a", "#shared tbody tr",
                ".bar.layers a.shared"), List.of(), true).assertClean();
        assertEquals(3, p.count("h2[id^=image-]"));
        assertEquals(layers, p.count(".bar.layers a"));
        assertEquals(5, p.count("#shared tbody tr"));
        assertEquals(sharedUses, p.count(".bar.layers a.shared"));
    }

    private static String[] args(String format, String... images) {
        List<String> a = new java.util.ArrayList<>(List.of("layers", "-f", format));
        a.addAll(List.of(images));
        return a.toArray(String[]::new);
    }
}
