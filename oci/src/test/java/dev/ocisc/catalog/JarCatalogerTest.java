package dev.ocisc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.testing.Tools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maven artifacts in jars, against {@code unzip} on Debian's jars and on fat jars and bombs {@code zip} made. */
class JarCatalogerTest {
    private static final Path DEBIAN = Path.of("/usr/share/java");

    /**
     * What {@code unzip} finds: "jar g:a:v" for each pom.properties entry of each jar in {@code dir} (nested ones
     * of the entries {@code nested} lists as "jar!/entry g:a:v").
     */
    private static List<String> unzipTruth(Path dir, String nested) {
        Tools.require("unzip");
        Tools.Result r = Tools.run(dir, "bash", "-c", """
                set -euo pipefail
                props() { # jar entry label
                  unzip -p "$1" "$2" | tr -d '\\r' | awk -F= -v l="$3" '
                    $1=="groupId"{g=$2} $1=="artifactId"{a=$2} $1=="version"{v=$2}
                    END{print l " " g ":" a ":" v}'
                }
                for j in $(find . -maxdepth 1 -type f -name '*.jar' | sort); do
                  for e in $(unzip -Z1 "$j" | grep -E '(^|/)META-INF/maven/[^/]+/[^/]+/pom\\.properties$' || true); do
                    props "$j" "$e" "${j#./}"
                  done
                  for n in $(unzip -Z1 "$j" | grep -E "$1" || true); do
                    unzip -p "$j" "$n" > /tmp/ocisc-nested-$$.jar
                    for e in $(unzip -Z1 /tmp/ocisc-nested-$$.jar | grep -E '(^|/)META-INF/maven/[^/]+/[^/]+/pom\\.properties$' || true); do
                      props /tmp/ocisc-nested-$$.jar "$e" "${j#./}!/$n"
                    done
                    rm -f /tmp/ocisc-nested-$$.jar
                  done
                done
                """, "truth", nested);
        assertEquals(0, r.exitCode(), r.stderr());
        return r.stdout().lines().sorted().toList();
    }

    private static List<String> ours(CatalogerRun run) {
        List<String> out = new ArrayList<>();
        for (LanguagePackage p : run.packages()) {
            String nested = p.properties().get("maven:nested_jar");
            out.add(p.evidence().path().substring(1) + (nested == null ? "" : "!/" + nested) + " " + p.namespace()
                    + ":" + p.name() + ":" + p.version());
        }
        return out.stream().sorted().toList();
    }

    @Test
    void debiansJarsAsUnzipReadsThem(@TempDir Path tmp) throws IOException {
        // The regular jar files of /usr/share/java, not the version-less symlinks to them.
        Path dir = tmp.resolve("java");
        Files.createDirectories(dir);
        try (var s = Files.list(DEBIAN)) {
            for (Path j : s.filter(p -> p.toString().endsWith(".jar") && Files.isRegularFile(p,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
                Files.copy(j, dir.resolve(j.getFileName()));
            }
        }
        List<String> truth = unzipTruth(dir, "^$");
        assertTrue(truth.size() >= 5, truth.toString());
        CatalogerRun run = CatalogerRun.tree(dir, new JarCataloger());
        assertEquals(List.of(), run.warnings());
        assertEquals(truth, ours(run));
    }

    @Test
    void fatJarOneLevelDeep(@TempDir Path tmp) throws IOException {
        Tools.require("zip");
        Path lib = tmp.resolve("fat/BOOT-INF/lib");
        Files.createDirectories(lib);
        Files.copy(DEBIAN.resolve("commons-io.jar"), lib.resolve("commons-io.jar"));
        Files.copy(DEBIAN.resolve("commons-lang3.jar"), lib.resolve("commons-lang3.jar"));
        // A jar inside a nested jar: two levels down, not opened.
        Path inner = tmp.resolve("inner");
        Files.createDirectories(inner.resolve("lib"));
        Files.copy(DEBIAN.resolve("commons-cli.jar"), inner.resolve("lib/commons-cli.jar"));
        Tools.Result r = Tools.run(inner, "zip", "-q", "-r", lib.resolve("deeper.jar").toString(), "lib");
        assertEquals(0, r.exitCode(), r.stderr());
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        // Spring Boot stores nested jars; one is deflated here too.
        r = Tools.run(tmp.resolve("fat"), "bash", "-c", "zip -q -0 -r ../out/app.jar BOOT-INF/lib/commons-io.jar "
                + "BOOT-INF/lib/deeper.jar && zip -q -9 ../out/app.jar BOOT-INF/lib/commons-lang3.jar");
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> truth = unzipTruth(out, "^BOOT-INF/lib/.*\\.jar$");
        assertTrue(truth.stream().anyMatch(t -> t.contains("commons-io")), truth.toString());
        CatalogerRun run = CatalogerRun.tree(out, new JarCataloger());
        assertEquals(List.of(), run.warnings());
        assertEquals(truth, ours(run));
        assertTrue(ours(run).stream().noneMatch(s -> s.contains("commons-cli")));
    }

    /** A jar {@code zip} makes of a pom.properties of {@code zeros} zero bytes, with its coordinates first. */
    private static byte[] bombJar(Path tmp, long zeros) throws IOException {
        Tools.require("zip");
        Path d = tmp.resolve("bomb/META-INF/maven/g/a");
        Files.createDirectories(d);
        Tools.Result r = Tools.run(d, "bash", "-c", "{ printf 'groupId=g\\nartifactId=a\\nversion=1\\n'; head -c "
                + zeros + " /dev/zero; } > pom.properties && cd ../../../.. && zip -q -9 -r bomb.jar META-INF");
        assertEquals(0, r.exitCode(), r.stderr());
        return Files.readAllBytes(tmp.resolve("bomb/bomb.jar"));
    }

    @Test
    void zipBombInflatesNoMoreThanItsCap(@TempDir Path tmp) throws IOException {
        long zeros = 100L << 20; // 100 MB of zeros in about 100 KB
        byte[] bomb = bombJar(tmp, zeros);
        assertTrue(bomb.length < 1 << 20, "a bomb: " + bomb.length);
        CatalogerRun run = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> CatalogerRun.bytes("app/bomb.jar", bomb, new JarCataloger()));
        assertEquals(List.of(), run.packages());
        assertEquals(List.of("/app/bomb.jar: \"META-INF/maven/g/a/pom.properties\" not read: "
                + "META-INF/maven/g/a/pom.properties is " + (zeros + 33) + " bytes, above the limit of 65536"),
                run.warnings());
    }

    @Test
    void aLyingSizeInflatesNoMoreThanItDeclares(@TempDir Path tmp) throws IOException {
        byte[] jar = bombJar(tmp, 1 << 20);
        // The central directory now says the entry is 30 bytes: the rest of the stream must not come out.
        ByteBuffer b = ByteBuffer.wrap(jar).order(ByteOrder.LITTLE_ENDIAN);
        int cen = -1;
        for (int i = 0; i + 46 < jar.length; i++) {
            if (b.getInt(i) == 0x02014b50 && new String(jar, i + 46, b.getShort(i + 28)).endsWith("pom.properties")) {
                cen = i;
            }
        }
        assertTrue(cen > 0);
        b.putInt(cen + 24, 30);
        CatalogerRun run = CatalogerRun.bytes("bomb.jar", jar, new JarCataloger());
        assertEquals(List.of(), run.packages());
        assertEquals(List.of("/bomb.jar: \"META-INF/maven/g/a/pom.properties\" not read: "
                + "META-INF/maven/g/a/pom.properties does not inflate to the 30 bytes the central directory declares"),
                run.warnings());
        CatalogerRun notZip = CatalogerRun.bytes("x.jar", "not a zip at all".getBytes(), new JarCataloger());
        assertEquals(List.of("/x.jar: not read as a jar: not a zip file (no end of central directory)"),
                notZip.warnings());
        CatalogerRun cut = CatalogerRun.bytes("x.jar", java.util.Arrays.copyOf(jar, jar.length - 10),
                new JarCataloger());
        assertEquals(1, cut.warnings().size(), cut.warnings().toString());
    }

    @Test
    void aJarAboveItsCapIsAWarningWithoutReadingIt() {
        LanguageCataloger.FileScan scan = new JarCataloger().open("big.jar", JarCataloger.MAX_JAR + 1, 0644);
        assertEquals(false, scan.wantsMore());
        assertEquals(List.of("/big.jar: a jar is " + (JarCataloger.MAX_JAR + 1) + " bytes, above the "
                + JarCataloger.MAX_JAR + "-byte limit; not read"), scan.finish().warnings());
    }

    @Test
    void pomPropertiesInADirectoryMustBeWhereItSays() {
        MavenPomPropertiesCataloger c = new MavenPomPropertiesCataloger();
        CatalogerRun ok = CatalogerRun.bytes("app/classes/META-INF/maven/org.example/demo/pom.properties",
                "#Generated by Maven\ngroupId=org.example\nartifactId=demo\nversion=1.2.3\n".getBytes(), c);
        assertEquals(List.of("org.example:demo:1.2.3"), ok.packages().stream()
                .map(p -> p.namespace() + ":" + p.name() + ":" + p.version()).toList());
        CatalogerRun moved = CatalogerRun.bytes("META-INF/maven/org.example/other/pom.properties",
                "groupId=org.example\nartifactId=demo\nversion=1.2.3\n".getBytes(), c);
        assertEquals(List.of("/META-INF/maven/org.example/other/pom.properties: not read as Maven pom.properties: "
                + "says org.example:demo in the directory of org.example:other"), moved.warnings());
        CatalogerRun noVersion = CatalogerRun.bytes("META-INF/maven/g/a/pom.properties",
                "groupId=g\nartifactId=a\n".getBytes(), c);
        assertEquals(List.of("/META-INF/maven/g/a/pom.properties: not read as Maven pom.properties: no version"),
                noVersion.warnings());
    }
}
