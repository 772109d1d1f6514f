package dev.ocisc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.json.StrictJson;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crates from a vendor directory and a Cargo.lock, against {@code cargo metadata --offline} on a project that builds
 * from a vendored copy of Debian's crate sources ({@code /usr/share/cargo/registry}, librust-*-dev).
 */
class CargoCatalogerTest {
    private static final Path DEBIAN = Path.of("/usr/share/cargo/registry");
    private static final List<String> CRATES = List.of("itoa", "ryu", "memchr", "cfg-if");

    /** A project depending on Debian's crates, vendored; cargo writes its Cargo.lock. */
    private static Path project(Path tmp) throws IOException {
        Tools.requireRunning("cargo", "--version");
        assertTrue(Files.isDirectory(DEBIAN), "Debian's crate sources are installed (librust-itoa-dev ...; "
                + ".ci/run installs them)");
        Path p = tmp.resolve("probe");
        Files.createDirectories(p.resolve("src"));
        Files.createDirectories(p.resolve(".cargo"));
        Files.writeString(p.resolve("src/lib.rs"), "");
        StringBuilder deps = new StringBuilder();
        for (String c : CRATES) {
            deps.append(c).append(" = \"*\"\n");
        }
        Files.writeString(p.resolve("Cargo.toml"), "[package]\nname = \"probe\"\nversion = \"0.1.0\"\n"
                + "edition = \"2018\"\n\n[dependencies]\n" + deps);
        Files.writeString(p.resolve(".cargo/config.toml"), "[source.crates-io]\nreplace-with = \"vendored\"\n\n"
                + "[source.vendored]\ndirectory = \"vendor\"\n");
        try (Stream<Path> s = Files.list(DEBIAN)) {
            for (Path crate : s.toList()) {
                TestData.copyTree(crate, p.resolve("vendor").resolve(crate.getFileName().toString()));
            }
        }
        ProcessBuilder pb = new ProcessBuilder("cargo", "generate-lockfile", "--offline").directory(p.toFile());
        pb.environment().put("CARGO_HOME", tmp.resolve("cargo-home").toString());
        Tools.Result r = Tools.run(pb);
        assertEquals(0, r.exitCode(), r.stderr());
        return p;
    }

    private static List<JsonNode> cargoMetadata(Path project) {
        ProcessBuilder pb = new ProcessBuilder("cargo", "metadata", "--offline", "--format-version", "1")
                .directory(project.toFile());
        pb.environment().put("CARGO_HOME", project.resolveSibling("cargo-home").toString());
        Tools.Result r = Tools.run(pb);
        assertEquals(0, r.exitCode(), r.stderr());
        List<JsonNode> pkgs = new ArrayList<>();
        StrictJson.parse(r.stdout(), "cargo metadata").get("packages").forEach(pkgs::add);
        assertTrue(pkgs.size() > CRATES.size(), pkgs.toString());
        return pkgs;
    }

    @Test
    void lockFileAndVendorDirectoryAsCargoMetadataSays(@TempDir Path tmp) throws IOException {
        Path project = project(tmp);
        List<JsonNode> truth = cargoMetadata(project);

        CatalogerRun lock = CatalogerRun.tree(project, new CargoLockCataloger());
        List<String> expected = new ArrayList<>();
        for (JsonNode p : truth) {
            expected.add(p.get("name").asText() + "@" + p.get("version").asText() + " " + p.get("source").asText(null));
        }
        assertEquals(expected.stream().sorted().toList(), lock.packages().stream()
                .map(p -> p.name() + "@" + p.version() + " " + p.properties().get("cargo:source")).sorted().toList());

        // Every crate cargo resolved is in the vendor directory, with the checksum cargo copied into Cargo.lock;
        // a checksum that is none (Debian's "Could not get crate checksum") is a warning on both sides.
        CatalogerRun vendor = CatalogerRun.tree(project.resolve("vendor"), new CargoVendorCataloger());
        Map<String, LanguagePackage> vendored = new TreeMap<>();
        for (LanguagePackage p : vendor.packages()) {
            vendored.put(p.name() + "@" + p.version(), p);
            assertTrue(p.evidence().path().matches("/[^/]+/Cargo\\.toml"), p.evidence().path());
        }
        int compared = 0;
        for (LanguagePackage l : lock.packages()) {
            LanguagePackage v = vendored.get(l.name() + "@" + l.version());
            if (l.properties().containsKey("cargo:source")) {
                assertEquals(l.recordedHash(), v == null ? "(not vendored)" : v.recordedHash(), l.name());
                compared += l.recordedHash() != null ? 1 : 0;
                boolean warned = lock.warnings().stream().anyMatch(w -> w.contains("(" + l.name() + ") has the "
                        + "checksum"));
                assertEquals(l.recordedHash() == null, warned, lock.warnings().toString());
                assertEquals(warned, vendor.warnings().stream().anyMatch(w -> w.startsWith("/" + l.name() + "-")),
                        vendor.warnings().toString());
            }
        }
        assertTrue(compared >= 2, "crates with a checksum: " + compared);
        assertEquals("MIT OR Apache-2.0", vendored.values().stream().filter(p -> p.name().equals("itoa"))
                .findFirst().orElseThrow().license());
    }

    @Test
    void vendoredCrateWithoutNameOrUnreadableIsAWarning() {
        CargoVendorCataloger c = new CargoVendorCataloger();
        String sum = "{\"package\":\"" + "ab".repeat(32) + "\",\"files\":{}}";
        // Cargo.toml first, broken: a project's manifest until the checksum file says it was a crate.
        assertEquals(List.of(), feed(c, "v/x/Cargo.toml", "[package\nname = 1").warnings());
        CatalogerRun late = feed(c, "v/x/.cargo-checksum.json", sum);
        assertEquals(1, late.warnings().size(), late.warnings().toString());
        assertTrue(late.warnings().get(0).startsWith("/v/x/.cargo-checksum.json: not read as a cargo checksum file: "
                + "the crate's Cargo.toml is unreadable: "), late.warnings().get(0));
        // Checksum first: the manifest must name a crate.
        feed(c, "v/y/.cargo-checksum.json", sum);
        CatalogerRun y = feed(c, "v/y/Cargo.toml", "[package]\nname = \"a b\"\nversion = \"1.0.0\"\n");
        assertEquals(List.of("/v/y/Cargo.toml: not read as a Cargo.toml: [package] has the name \"a b\", which is "
                + "no crate name"), y.warnings());
        // A project's own manifest, no checksum beside it: nothing, and no warning.
        assertEquals(List.of(), feed(c, "src/Cargo.toml", "[package]\nname = \"p\"\nversion.workspace = true\n")
                .warnings());
        CatalogerRun bad = feed(c, "v/z/.cargo-checksum.json", "{\"package\":\"not-a-hash\",\"files\":{}}");
        assertEquals(List.of("/v/z/.cargo-checksum.json: package is \"not-a-hash\", not a hex SHA-256; the crate is "
                + "listed without a checksum"), bad.warnings());
        CatalogerRun z = feed(c, "v/z/Cargo.toml", "[package]\nname = \"z\"\nversion = \"1.0.0\"\n");
        assertEquals(List.of("z 1.0.0 null"), z.packages().stream().map(p -> p.name() + " " + p.version() + " "
                + p.recordedHash()).toList());
    }

    private static CatalogerRun feed(LanguageCataloger c, String path, String content) {
        return CatalogerRun.bytes(path, content.getBytes(StandardCharsets.UTF_8), c);
    }

    /** A Cargo.lock of {@code n} packages, five lines each. */
    private static byte[] lockOf(int n) {
        StringBuilder b = new StringBuilder("version = 3\n\n");
        for (int i = 0; i < n; i++) {
            b.append("[[package]]\nname = \"c").append(i).append("\"\nversion = \"1.0.").append(i)
                    .append("\"\nsource = \"registry+https://example.org/index\"\nchecksum = \"")
                    .append(String.format("%064x", i)).append("\"\n\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMillionLineLockFileIsAWarningAndALyingOneWarns() {
        byte[] many = lockOf(40_000); // 200,000 lines, near the cap
        assertTrue(many.length < CargoLockCataloger.MAX_LOCK, String.valueOf(many.length));
        CatalogerRun run = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> CatalogerRun.bytes("Cargo.lock", many, new CargoLockCataloger()));
        assertEquals(List.of(), run.warnings());
        assertEquals(40_000, run.packages().size());
        byte[] million = lockOf(200_000);
        CatalogerRun over = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> CatalogerRun.bytes("src/Cargo.lock", million, new CargoLockCataloger()));
        assertEquals(List.of("/src/Cargo.lock: a Cargo.lock is " + million.length + " bytes, above the "
                + CargoLockCataloger.MAX_LOCK + "-byte limit; not read"), over.warnings());

        CatalogerRun lying = feed(new CargoLockCataloger(), "src/Cargo.lock", "version = 3\n[[package]]\n"
                + "name = \"../../etc\"\nversion = \"1\"\n[[package]]\nname = \"ok\"\nversion = \"2\"\nchecksum = "
                + "\"zz\"\n[[package]]\nname = \"good\"\nversion = \"3\"\n");
        assertEquals(List.of("/src/Cargo.lock: package[0] has the name \"../../etc\", which is no crate name; left out",
                "/src/Cargo.lock: package[1] (ok) has the checksum \"zz\", not a hex SHA-256; listed without one"),
                lying.warnings());
        assertEquals(List.of("ok null", "good null"), lying.packages().stream().map(p -> p.name() + " "
                + p.recordedHash()).toList());
        assertEquals(1, feed(new CargoLockCataloger(), "Cargo.lock", "[[package]]\nname = \"a\"\nname = \"b\"\n")
                .warnings().size());
    }
}
