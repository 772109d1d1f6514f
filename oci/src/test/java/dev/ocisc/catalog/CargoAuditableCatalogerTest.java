package dev.ocisc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.json.StrictJson;
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

/**
 * cargo-auditable's {@code .dep-v0} in ELF binaries. The binaries are gcc's, stripped as Nix strips, with the
 * section added by binutils' objcopy as cargo-auditable adds it (no flags: after the loaded segments); the truth is
 * what objcopy extracts from the section and Python's zlib inflates.
 */
class CargoAuditableCatalogerTest {
    private static final String DEPS = """
            {"packages":[{"name":"app","version":"0.1.0","source":"local","dependencies":[1,2],"root":true},
             {"name":"serde","version":"1.0.190","source":"crates.io"},
             {"name":"cc","version":"1.0.83","source":"crates.io","kind":"build"},
             {"name":"gitdep","version":"0.3.0-alpha.1","source":"git","dependencies":[1]}]}""";

    /** A stripped binary with {@code json} zlib-compressed in .dep-v0 (raw zlib bytes when {@code raw}). */
    private static Path binary(Path tmp, String python) {
        Tools.require("gcc");
        Tools.require("objcopy");
        Tools.require("python3");
        Tools.Result r = Tools.run(tmp, "bash", "-c", "set -e; printf 'int main(void){return 0;}\\n' > h.c; "
                + "gcc -O0 -o h h.c; strip h; python3 -c \"$1\"; objcopy --add-section .dep-v0=deps.z h app",
                "make", "import zlib, sys\n" + python);
        assertEquals(0, r.exitCode(), r.stderr());
        return tmp.resolve("app");
    }

    private static Path audited(Path tmp, String json) throws IOException {
        Files.writeString(tmp.resolve("deps.json"), json);
        return binary(tmp, "open('deps.z','wb').write(zlib.compress(open('deps.json','rb').read(), 9))");
    }

    @Test
    void crateListAsObjcopyAndZlibExtractIt(@TempDir Path tmp) throws IOException {
        Path app = audited(tmp, DEPS);
        Tools.Result truth = Tools.run(tmp, "bash", "-c", "objcopy --dump-section .dep-v0=out.z app && "
                + "python3 -c 'import zlib; print(zlib.decompress(open(\"out.z\",\"rb\").read()).decode())'");
        assertEquals(0, truth.exitCode(), truth.stderr());
        List<String> expected = new ArrayList<>();
        for (JsonNode p : StrictJson.parse(truth.stdout(), "objcopy").get("packages")) {
            expected.add(p.get("name").asText() + "@" + p.get("version").asText() + " " + p.get("source").asText()
                    + " " + p.path("kind").asText("runtime") + (p.path("root").asBoolean(false) ? " root" : ""));
        }
        CatalogerRun run = CatalogerRun.tree(tmp, new CargoAuditableCataloger());
        assertEquals(List.of(), run.warnings());
        assertEquals(expected, run.packages().stream().map(p -> p.name() + "@" + p.version() + " "
                + p.properties().get("cargo:source") + " " + p.properties().get("cargo:kind")
                + (p.main() ? " root" : "")).toList());
        assertTrue(run.packages().stream().allMatch(p -> p.evidence().path().equals("/app")));
        // gcc's binary without the section, and the object and source files beside it: nothing, silently.
        assertEquals(4, run.packages().size());
    }

    @Test
    void aLyingSectionIsAWarningAndNoGuess(@TempDir Path tmp) throws IOException {
        List<String> lies = List.of(
                DEPS.replace("\"dependencies\":[1,2]", "\"dependencies\":[1,9]"),
                DEPS.replace("\"dependencies\":[1]", "\"dependencies\":[3]"),
                DEPS.replace("\"version\":\"1.0.190\",", ""),
                DEPS.replace("\"source\":\"git\",", "\"source\":\"git\",\"root\":true,"),
                DEPS.replace("\"name\":\"cc\"", "\"name\":\"../cc\""),
                "{\"packages\": {}}",
                "not json");
        for (String lie : lies) {
            Path dir = Files.createDirectories(tmp.resolve("l" + lies.indexOf(lie)));
            Path app = audited(dir, lie);
            CatalogerRun run = CatalogerRun.bytes("bin/app", Files.readAllBytes(app), new CargoAuditableCataloger());
            assertEquals(List.of(), run.packages(), lie);
            assertEquals(1, run.warnings().size(), run.warnings().toString());
            assertTrue(run.warnings().get(0).startsWith("/bin/app: cargo-auditable data (.dep-v0) not read: "),
                    run.warnings().get(0));
        }
    }

    @Test
    void aZlibBombInflatesNoMoreThanItsCap(@TempDir Path tmp) throws IOException {
        Path app = binary(tmp, "open('deps.z','wb').write(zlib.compress(b'[' + b' ' * (200 << 20), 9))");
        assertTrue(Files.size(app) < 2 << 20);
        CatalogerRun run = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> CatalogerRun.bytes("app", Files.readAllBytes(app), new CargoAuditableCataloger()));
        assertEquals(List.of("/app: cargo-auditable data (.dep-v0) not read: it inflates to more than "
                + CargoAuditableCataloger.MAX_JSON + " bytes (limit)"), run.warnings());
        Path cut = binary(Files.createDirectories(tmp.resolve("cut")),
                "open('deps.z','wb').write(zlib.compress(b'{\"packages\":[]}')[:-6])");
        assertEquals(List.of("/app: cargo-auditable data (.dep-v0) not read: its zlib stream is truncated"),
                CatalogerRun.bytes("app", Files.readAllBytes(cut), new CargoAuditableCataloger()).warnings());
    }

    @Test
    void aSectionOutsideTheFileIsAWarning(@TempDir Path tmp) throws IOException {
        byte[] elf = Files.readAllBytes(audited(tmp, DEPS));
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = b.getLong(0x28);
        int shentsize = b.getShort(0x3a);
        int shnum = b.getShort(0x3c);
        // .dep-v0 is the section objcopy added last before .shstrtab: point it past the file's end.
        int dep = -1;
        long strOff = b.getLong((int) shoff + b.getShort(0x3e) * shentsize + 24);
        for (int i = 0; i < shnum; i++) {
            int nameAt = (int) (strOff + b.getInt((int) shoff + i * shentsize));
            if (new String(elf, nameAt, 7).equals(".dep-v0")) {
                dep = (int) shoff + i * shentsize;
            }
        }
        assertTrue(dep > 0);
        b.putLong(dep + 24, elf.length + 100L);
        CatalogerRun run = CatalogerRun.bytes("app", elf, new CargoAuditableCataloger());
        assertEquals(List.of(), run.packages());
        assertEquals(1, run.warnings().size(), run.warnings().toString());
        assertEquals("/app: cargo-auditable data (.dep-v0) not read: the section (" + b.getLong(dep + 32)
                + " bytes at " + (elf.length + 100) + ") lies outside the " + elf.length + "-byte file",
                run.warnings().get(0));
    }

    @Test
    void aGigabyteBinaryIsReadInBoundedTimeAndMemory() throws IOException {
        // Real ELF headers at the start of a file that claims a gigabyte: nothing past the head is kept.
        byte[] head = Files.readAllBytes(Path.of("/bin/ls"));
        long size = 1L << 30;
        LanguageCataloger.FileScan scan = new CargoAuditableCataloger().open("big", size, 0755);
        byte[] chunk = new byte[1 << 16];
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            scan.data(head, 0, Math.min(head.length, CargoAuditableCataloger.HEAD));
            for (long at = CargoAuditableCataloger.HEAD; at < size && scan.wantsMore(); at += chunk.length) {
                scan.data(chunk, 0, chunk.length);
            }
        });
        assertEquals(LanguageCataloger.Found.NONE.packages(), scan.finish().packages());
    }
}
