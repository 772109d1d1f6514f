package dev.ocisc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.json.StrictJson;
import dev.ocisc.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** npm packages from node_modules and from the lock file, against {@code npm ls} on a tree {@code npm ci} made. */
class NpmCatalogerTest {
    private static final Path TREE = Path.of("src/test/js/npm-tree");

    /** {@code npm ls --all --json --long}: name, version, license, integrity and path of every installed package. */
    private static List<JsonNode> npmLs() {
        Tools.require("npm");
        if (!Files.isDirectory(TREE.resolve("node_modules/debug/node_modules/ms"))) {
            String msg = "the npm tree is not installed (run npm ci in oci/src/test/js/npm-tree)";
            if (Tools.required()) {
                fail(msg + " (OCISC_REQUIRE_TOOLS=1)");
            }
            Assumptions.abort(msg + "; .ci/run does it");
        }
        Tools.Result r = Tools.run(TREE, "npm", "ls", "--all", "--json", "--long");
        assertEquals(0, r.exitCode(), r.stderr());
        List<JsonNode> all = new ArrayList<>();
        List<JsonNode> todo = new ArrayList<>(List.of(StrictJson.parse(r.stdout(), "npm ls")));
        while (!todo.isEmpty()) {
            JsonNode n = todo.remove(todo.size() - 1);
            for (Map.Entry<String, JsonNode> d : n.path("dependencies").properties()) {
                all.add(d.getValue());
                todo.add(d.getValue());
            }
        }
        assertTrue(all.size() >= 5, all.toString());
        return all;
    }

    private static String full(LanguagePackage p) {
        return p.namespace() == null ? p.name() : p.namespace() + "/" + p.name();
    }

    @Test
    void nodeModulesAsNpmLsListsThem() throws Exception {
        List<String> truth = new ArrayList<>();
        Path root = TREE.toRealPath();
        for (JsonNode n : npmLs()) {
            truth.add(n.get("name").asText() + "@" + n.get("version").asText() + " " + n.get("license").asText()
                    + " /" + root.relativize(Path.of(n.get("path").asText())) + "/package.json");
        }
        CatalogerRun run = CatalogerRun.tree(TREE, new NpmPackageJsonCataloger());
        assertEquals(List.of(), run.warnings());
        List<String> ours = run.packages().stream()
                .map(p -> full(p) + "@" + p.version() + " " + p.license() + " " + p.evidence().path()).sorted()
                .toList();
        assertEquals(truth.stream().sorted().toList(), ours);
        assertTrue(ours.stream().anyMatch(s -> s.startsWith("@types/ms@")), "a scoped package");
    }

    @Test
    void lockFileAsNpmLsListsTheTreeItPinned() {
        List<String> truth = new ArrayList<>();
        for (JsonNode n : npmLs()) {
            truth.add(n.get("name").asText() + "@" + n.get("version").asText() + " " + n.get("integrity").asText()
                    + " " + n.get("license").asText());
        }
        truth.add("ocisc-npm-tree@1.0.0 null null main");
        CatalogerRun run = CatalogerRun.tree(TREE, new NpmLockCataloger());
        assertEquals(List.of(), run.warnings());
        List<String> ours = run.packages().stream()
                .map(p -> full(p) + "@" + p.version() + " " + p.recordedHash() + " " + p.license()
                        + (p.main() ? " main" : "") + (p.evidence().path().equals("/package-lock.json") ? "" : " ?"))
                .sorted().toList();
        assertEquals(truth.stream().sorted().toList(), ours);
    }

    @Test
    void badLockFilesAreWarningsNamingTheFile() {
        List<String> bad = List.of("{\"lockfileVersion\": 1, \"dependencies\": {}}",
                "{\"lockfileVersion\": 3, \"packages\": {\"node_modules/a\": {\"version\": \"1\"}, "
                        + "\"node_modules/a\": {\"version\": \"2\"}}}",
                "{\"lockfileVersion\": 3, \"packages\": []}",
                "{\"lockfileVersion\": 3, \"packages\": {}} trailing",
                "{\"lockfileVersion\": 3, \"packages\": {\"node_modules/a\": {\"version\": 1}}}",
                "[" .repeat(100_000));
        for (String b : bad) {
            CatalogerRun run = CatalogerRun.bytes("app/package-lock.json", b.getBytes(StandardCharsets.UTF_8),
                    new NpmLockCataloger());
            assertEquals(List.of(), run.packages(), b);
            assertEquals(1, run.warnings().size(), run.warnings().toString());
            assertTrue(run.warnings().get(0).startsWith("/app/package-lock.json: not read as an npm lock file: "),
                    run.warnings().get(0));
        }
        CatalogerRun partial = CatalogerRun.bytes("package-lock.json", ("{\"lockfileVersion\": 3, \"packages\": {"
                + "\"node_modules/a\": {\"version\": \"1.0.0\", \"license\": \"MIT License\"}, "
                + "\"node_modules/b\": {}, \"node_modules/@s/c\": {\"version\": \"2.0.0\", \"license\": {\"type\": "
                + "\"ISC\"}}, \"packages/w\": {\"version\": \"0.0.1\"}, \"node_modules/w\": {\"resolved\": "
                + "\"packages/w\", \"link\": true}}}").getBytes(StandardCharsets.UTF_8), new NpmLockCataloger());
        assertEquals(List.of("/package-lock.json: packages.'node_modules/b' has no version; left out"),
                partial.warnings());
        assertEquals(List.of("a@1.0.0 null {npm:declared_license=MIT License}", "@s/c@2.0.0 ISC {}"),
                partial.packages().stream().map(p -> full(p) + "@" + p.version() + " " + p.license() + " "
                        + p.properties()).toList());
    }

    @Test
    void aMillionLineLockFileInBoundedTime() {
        ByteArrayOutputStream b = new ByteArrayOutputStream(32 << 20);
        b.writeBytes("{\"lockfileVersion\": 3, \"packages\": {\n".getBytes(StandardCharsets.UTF_8));
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            b.writeBytes(("  \"node_modules/p" + i + "\": {\n    \"version\": \"1.0." + i
                    + "\",\n    \"integrity\": \"sha512-AAAA\",\n    \"license\": \"MIT\"\n  }"
                    + (i + 1 < n ? ",\n" : "\n")).getBytes(StandardCharsets.UTF_8));
        }
        b.writeBytes("}}\n".getBytes(StandardCharsets.UTF_8));
        byte[] lock = b.toByteArray();
        assertTrue(lock.length < NpmLockCataloger.MAX_LOCK);
        CatalogerRun run = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> CatalogerRun.bytes("package-lock.json", lock, new NpmLockCataloger()));
        assertEquals(n, run.packages().size());
        LanguageCataloger.FileScan over = new NpmLockCataloger().open("package-lock.json",
                NpmLockCataloger.MAX_LOCK + 1, 0644);
        assertEquals(false, over.wantsMore());
        assertEquals(List.of("/package-lock.json: an npm lock file is " + (NpmLockCataloger.MAX_LOCK + 1)
                + " bytes, above the " + NpmLockCataloger.MAX_LOCK + "-byte limit; not read"),
                over.finish().warnings());
    }
}
