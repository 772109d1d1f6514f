package dev.ocisc.diff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.html.Html;
import dev.ocisc.testing.Browser;
import dev.ocisc.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML diff report of two tars GNU tar wrote from trees whose file names and contents carry markup and control
 * characters: nothing from them becomes markup, every link has its anchor, and the page works in chromium.
 */
class HtmlReportTest {
    /** A file name a build could leave: markup, an ESC sequence, quotes, a line break. */
    static final String NAME = "<svg onload=alert(1)><script>\u001b[31m\"'&\nx.conf";
    static final String MARKUP_A = "key=</td></tr></table><img src=x onerror=alert(2)>\u001b]0;owned\u0007\nend=1\n";
    static final String MARKUP_B = "key=</td></tr></table><img src=x onerror=alert(3)>\u001b]0;owned\u0007\nend=1\n";

    @TempDir
    static Path dir;
    static Drift drift;
    static String html;

    @BeforeAll
    static void make() throws Exception {
        Tools.require("tar");
        for (String side : List.of("a", "b")) {
            Path root = dir.resolve(side);
            Files.createDirectories(root.resolve("etc"));
            Files.createDirectories(root.resolve("bin"));
            boolean a = side.equals("a");
            Files.writeString(root.resolve(NAME), a ? MARKUP_A : MARKUP_B);
            Files.writeString(root.resolve("etc/app.conf"), "name=demo\nport=" + (a ? "8080" : "9090") + "\n");
            Files.write(root.resolve("bin/tool"), new byte[] {0x7f, 'E', 'L', 'F', 0, 1, 2, (byte) (a ? 3 : 4)});
            Files.writeString(root.resolve("etc/readme"), "hello\n");
            Tools.check(root, "chmod", a ? "644" : "600", "etc/readme");
            if (!a) {
                Files.writeString(root.resolve("etc/<b>new<i>"), "only in B\n");
            }
            Tools.check(dir, "tar", "--sort=name", "--mtime=@1700000000", "--owner=0", "--group=0", "--numeric-owner",
                    "-cf", side + ".tar", "-C", root.toString(), ".");
        }
        drift = new TreeDiff(DiffOptions.DEFAULT).diff(dir.resolve("a.tar"), dir.resolve("b.tar"));
        html = render(drift);
    }

    static String render(Drift d) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new HtmlReport().write(d, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theFixtureHasEveryKindOfContentAndSeveralClasses() {
        assertEquals(Set.of("unified", "hex"), new TreeSet<>(drift.contents().stream().map(ContentDiff::kind).toList()));
        assertTrue(drift.classes().keySet().containsAll(Set.of(DriftClass.FILES, DriftClass.CONTENT,
                DriftClass.PERMISSIONS)), drift.classes()::toString);
    }

    @Test
    void namesAndContentsCannotAddMarkup() {
        assertFalse(html.contains("<img"), "content became markup");
        assertFalse(html.contains("<b>new") || html.contains("<svg"), "a name became markup");
        assertEquals(1, html.split("<script>", -1).length - 1, "only ocisc's own script element");
        assertTrue(html.contains(Html.text(NAME)), "the name is shown escaped");
        assertTrue(html.contains("onerror=alert(2)&gt;\\x1b]0;owned\\x07"), "the content is shown escaped");
        ReportTextTest.assertSafe(html);
    }

    @Test
    void everyLinkHasItsAnchorAndEveryClassAndFindingHasOne() {
        Set<String> ids = matches(" id=\"([^\"]+)\"");
        Set<String> hrefs = matches(" href=\"#([^\"]+)\"");
        assertTrue(ids.containsAll(hrefs), () -> "links without anchors: " + minus(hrefs, ids));
        for (DriftClass c : drift.classes().keySet()) {
            assertTrue(ids.contains("class-" + c.id()) && hrefs.contains("class-" + c.id()), c.id());
        }
        for (int i = 1; i <= drift.findings().size(); i++) {
            assertTrue(ids.contains("f-" + i) && hrefs.contains("f-" + i), "finding " + i);
        }
        for (int i = 1; i <= drift.contents().size(); i++) {
            assertTrue(ids.contains("c-" + i) && hrefs.contains("c-" + i), "content " + i);
        }
    }

    @Test
    void theUnifiedDiffIsATableWithLineNumbersOnBothSides() {
        assertTrue(html.contains("<tr class=\"del\"><td class=\"ln\">2</td><td class=\"ln\"></td><td>-port=8080</td>"),
                html);
        assertTrue(html.contains("<tr class=\"add\"><td class=\"ln\"></td><td class=\"ln\">2</td><td>+port=9090</td>"),
                html);
        assertFalse(html.contains("--- a/etc/app.conf"), "the diff's own header is not a line of the table");
    }

    @Test
    void sameDriftSameBytes() throws Exception {
        Drift again = new TreeDiff(DiffOptions.DEFAULT).diff(dir.resolve("a.tar"), dir.resolve("b.tar"));
        assertArrayEquals(html.getBytes(StandardCharsets.UTF_8), render(again).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void loadsCleanInChromiumAndItsSearchFiltersTheFindings() throws Exception {
        Path f = dir.resolve("diff.html");
        Files.writeString(f, html);
        int permissions = drift.classes().get(DriftClass.PERMISSIONS);
        Browser.Page p = Browser.load(f, "diff-hostile", List.of("#findings tbody tr", "section.drift-class",
                "details.file", "table.diff tr.add", "img"),
                List.of(new Browser.Search("input[data-filter=findings]", "permissions", "#findings tbody tr"),
                        new Browser.Search("input[data-filter=findings]", "alert(1)", "#findings tbody tr"),
                        new Browser.Search("input[data-filter=findings]", "no such finding", "#findings tbody tr")))
                .assertClean();
        assertEquals(drift.findings().size(), p.count("#findings tbody tr"));
        assertEquals(drift.classes().size(), p.count("section.drift-class"));
        assertEquals(drift.contents().size(), p.count("details.file"));
        assertEquals(0, p.count("img"), "no element from the inputs");
        assertTrue(p.count("table.diff tr.add") >= 2, "the added lines are marked");
        int hostile = (int) drift.findings().stream().filter(x -> x.path().contains("alert(1)")).count();
        assertTrue(hostile > 0);
        assertEquals(List.of(permissions, hostile, 0), p.searchVisible());
    }

    /** A drift of any size is a page of bounded size that says what it left out. */
    @Test
    void findingsAndFullContentsAreCapped() throws Exception {
        Drift.Side side = new Drift.Side("x.tar", "tar", "aa", null, 1);
        List<Finding> findings = new ArrayList<>();
        List<ContentDiff> contents = new ArrayList<>();
        int n = HtmlReport.MAX_FINDINGS + 7;
        for (int i = 0; i < n; i++) {
            String path = String.format("f%05d", i);
            findings.add(new Finding(DriftClass.CONTENT, path, "sha256", "a", "b", ""));
            if (i < HtmlReport.MAX_FULL_CONTENTS + 3) {
                contents.add(new ContentDiff(path, "unified", "--- a/" + path + "\n+++ b/" + path
                        + "\n@@ -1,1 +1,1 @@\n-a\n+b\n", 2, 2, 0));
            }
        }
        String page = render(new Drift(side, side, false, findings, contents, new TreeMap<>()));
        assertEquals(HtmlReport.MAX_FINDINGS, count(page, "<tr id=\"f-"));
        assertTrue(page.contains("7 more findings are not shown here"), "says how many it left out");
        assertEquals(HtmlReport.MAX_FULL_CONTENTS, count(page, "<details class=\"file\""));
        assertTrue(page.contains("3 more changed files are listed without their content"));
        assertEquals(HtmlReport.MAX_LINKS_PER_CLASS, count(page, "<a class=\"mono\" href=\"#f-"));
    }

    /** The {@code ---}/{@code +++} lines end where the path ends, even when it holds what looks like a header. */
    @Test
    void theDiffHeaderEndsAfterTheWholePath() {
        String path = "p\n+++ b/p";
        ContentDiff c = new ContentDiff("rootfs/" + path, "unified", "--- a/" + path + "\n+++ b/" + path
                + "\n@@ -1,1 +1,1 @@\n-a\n+b\n", 2, 2, 0);
        assertEquals(("--- a/" + path + "\n+++ b/" + path + "\n").length(), HtmlReport.header(c));
    }

    private static int count(String s, String what) {
        return s.split(Pattern.quote(what), -1).length - 1;
    }

    private static Set<String> matches(String regex) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile(regex).matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
