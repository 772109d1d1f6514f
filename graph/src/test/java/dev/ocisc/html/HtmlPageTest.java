package dev.ocisc.html;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.testing.Browser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlPageTest {
    @TempDir
    Path dir;

    private static final String HOSTILE = "</script><script>alert(1)</script><img src=x onerror=alert(2)>\u001b[31m";

    private Path page(String extraMarkup) throws Exception {
        StringBuilder rows = new StringBuilder();
        for (String name : List.of("openssl", "zlib", "glibc", "openssl-dev", HOSTILE)) {
            rows.append("<tr><td>").append(Html.text(name)).append("</td><td data-value=\"").append(name.length())
                    .append("\">").append(name.length()).append("</td></tr>\n");
        }
        HtmlPage p = new HtmlPage("t " + HOSTILE)
                .markup("<h1>" + Html.text(HOSTILE) + "</h1>\n")
                .markup("<input type=\"search\" data-filter=\"t\"><span data-count-for=\"t\"></span>\n")
                .markup("<table id=\"t\"><thead><tr><th data-sort>name</th><th data-sort=\"number\">n</th></tr>"
                        + "</thead><tbody>\n" + rows + "</tbody></table>\n")
                .markup(extraMarkup)
                .data("d", "{\"name\":\"" + HOSTILE.replace("\u001b", "\\u001b") + "\"}")
                .script("document.body.dataset.name = JSON.parse(document.getElementById('d').text).name;");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.writeTo(out);
        Path f = dir.resolve("page.html");
        Files.write(f, out.toByteArray());
        return f;
    }

    @Test
    void inputTextCannotAddMarkup() throws Exception {
        String html = Files.readString(page(""), StandardCharsets.UTF_8);
        assertFalse(html.contains("<img src=x"), html);
        assertFalse(html.contains("\u001b"), "control characters are escaped");
        assertEquals(1, html.split("<script>", -1).length - 1, "only ocisc's own script element");
        assertTrue(html.contains("Content-Security-Policy"));
    }

    @Test
    void sameInputSameBytes() throws Exception {
        byte[] a = Files.readAllBytes(page(""));
        byte[] b = Files.readAllBytes(page(""));
        assertArrayEquals(a, b);
    }

    @Test
    void loadsOfflineInChromiumAndItsSearchFiltersTheTable() throws Exception {
        Browser.Page p = Browser.load(page(""), "html-page", List.of("#t tbody tr", "h1"),
                List.of(new Browser.Search("input[data-filter=t]", "openssl", "#t tbody tr"),
                        new Browser.Search("input[data-filter=t]", "ZLIB", "#t tbody tr"),
                        new Browser.Search("input[data-filter=t]", "no such thing", "#t tbody tr")))
                .assertClean();
        assertEquals(5, p.count("#t tbody tr"));
        assertEquals(List.of(2, 1, 0), p.searchVisible());
        assertTrue(p.title().startsWith("t </script>"), p.title());
    }

    /** The policy the page carries stops a request the markup would make: the harness sees it, the page loads none. */
    @Test
    void theHarnessSeesAPageReachingForTheNetwork() throws Exception {
        Browser.Page p = Browser.load(page("<img src=\"http://192.0.2.1/x.png\">"), "html-page-network",
                List.of(), List.of());
        assertFalse(p.console().isEmpty(), "the policy's refusal is reported: " + p);
    }
}
