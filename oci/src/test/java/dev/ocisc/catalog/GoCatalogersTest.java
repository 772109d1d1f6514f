package dev.ocisc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.testing.GoService;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Go catalogers against Go's own account of the reference service, and against binaries that lie. */
class GoCatalogersTest {
    @TempDir
    Path tmp;

    private static Set<String> fromGo(Path binary) {
        return GoService.goVersionM(binary).stream()
                .map(l -> l.kind() + " " + l.path() + "@" + l.version() + (l.sum().isEmpty() ? "" : " " + l.sum())
                        + (l.replacedBy() == null ? "" : " => " + l.replacedBy()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** In go version -m's terms: a module replaced by another version is listed as what it replaced. */
    private static Set<String> fromOcisc(List<LanguagePackage> pkgs) {
        Set<String> out = new TreeSet<>();
        for (LanguagePackage p : pkgs) {
            String kind = p.main() ? "mod " : "dep ";
            String replaces = p.properties().get("golang:replaces");
            String dir = p.properties().get("golang:replaced_by");
            if (replaces != null) {
                out.add(kind + replaces.replace(' ', '@') + " => " + p.fullName() + " " + p.version());
            } else {
                out.add(kind + p.fullName() + "@" + p.version() + (p.recordedHash() == null ? "" : " " + p.recordedHash())
                        + (dir == null ? "" : " => " + dir));
            }
        }
        return out;
    }

    @Test
    void binaryInTheStoreListsWhatGoVersionMLists() throws Exception {
        String out = GoService.build();
        StoreFiles found = StoreFiles.scan(null, List.of(out));
        assertEquals(List.of(), found.warnings());
        Set<String> go = fromGo(GoService.binary());
        assertEquals(4, go.size(), go.toString()); // mod line and three deps
        assertEquals(go, fromOcisc(found.packages()));
        byte[] bin = Files.readAllBytes(GoService.binary());
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bin));
        for (LanguagePackage p : found.packages()) {
            assertEquals(out + "/bin/hello-svc", p.evidence().path());
            assertEquals(sha, p.evidence().sha256());
            assertEquals(out, p.container());
            assertEquals("golang", p.ecosystem());
            assertTrue(p.properties().get("golang:toolchain").startsWith("go1.19"), p.properties().toString());
        }
    }

    @Test
    void vendorDirectoryListsTheSameModulesAsTheBinary() {
        String vendor = GoService.goModules();
        StoreFiles found = StoreFiles.scan(null, List.of(vendor));
        Set<String> deps = new TreeSet<>(fromGo(GoService.binary()));
        deps.removeIf(s -> s.startsWith("mod "));
        assertEquals(deps, fromOcisc(found.packages()));
        for (LanguagePackage p : found.packages()) {
            assertEquals(vendor + "/modules.txt", p.evidence().path());
            assertEquals("true", p.properties().get("golang:explicit"));
        }
    }

    @Test
    void moduleModeBuildWithSumsAndReplacementsAsGoVersionMPrintsThem() throws Exception {
        // Built here by the go command (module mode, so Go records h1: sums; std from Debian's precompiled
        // packages, so it takes seconds): a directory replacement and a replacement by a pseudo-version.
        dev.ocisc.testing.Tools.require("go");
        dev.ocisc.testing.Tools.require("python3");
        Path proxy = tmp.resolve("proxy");
        Path src = tmp.resolve("src");
        dev.ocisc.testing.Tools.check(null, "python3", dev.ocisc.testing.TestData.path("go/make-goproxy.py").toString(),
                proxy.toString(), "github.com/google/uuid@v1.3.0", "github.com/gorilla/mux@v1.8.0",
                "github.com/gorilla/mux@v1.8.1-0.20230101000000-0123456789ab");
        dev.ocisc.testing.TestData.copyTree(dev.ocisc.testing.TestData.path("go/src/hello-svc"), src);
        Path fork = Files.createDirectories(src.resolve("errors-fork"));
        Path debian = Path.of("/usr/share/gocode/src/github.com/pkg/errors");
        for (String f : List.of("errors.go", "go113.go", "stack.go")) {
            Files.copy(debian.resolve(f), fork.resolve(f));
        }
        Files.writeString(fork.resolve("go.mod"), "module github.com/pkg/errors\n");
        Files.writeString(src.resolve("go.mod"), Files.readString(src.resolve("go.mod"))
                + "\nreplace github.com/pkg/errors => ./errors-fork\n"
                + "\nreplace github.com/gorilla/mux => github.com/gorilla/mux v1.8.1-0.20230101000000-0123456789ab\n");
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "go mod tidy && go build -buildvcs=false -o hello .")
                .directory(src.toFile());
        pb.environment().putAll(java.util.Map.of("HOME", tmp.toString(), "GOPATH", tmp.resolve("go").toString(),
                "GOCACHE", tmp.resolve("cache").toString(), "GOPROXY", "file://" + proxy, "GOSUMDB", "off",
                "GOFLAGS", "-mod=mod"));
        dev.ocisc.testing.Tools.Result r = dev.ocisc.testing.Tools.run(pb);
        assertEquals(0, r.exitCode(), r.stderr());
        Path bin = src.resolve("hello");
        Set<String> go = fromGo(bin);
        assertTrue(go.stream().anyMatch(l -> l.contains(" h1:")) && go.stream().anyMatch(l -> l.contains(" => ")), go.toString());
        Files.setPosixFilePermissions(bin, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        byte[] b = Files.readAllBytes(bin);
        LanguageCataloger.Found f = scanBytes(b, 65536);
        assertEquals(List.of(), f.warnings());
        assertEquals(go, fromOcisc(f.packages()));
        LanguagePackage mux = f.packages().stream().filter(p -> p.name().equals("mux")).findFirst().orElseThrow();
        assertEquals("v1.8.1-0.20230101000000-0123456789ab", mux.version());
        assertTrue(mux.recordedHash().startsWith("h1:"), mux.toString());
    }

    @Test
    void replacementsPseudoVersionsAndDevelAsGoWritesThem() throws Exception {
        String text = "path\texample.org/app\n"
                + "mod\texample.org/app\t(devel)\t\n"
                + "dep\tgithub.com/a/b\tv0.0.0-20230101120000-0123456789ab\th1:AAAA=\n"
                + "dep\tgithub.com/c/d\tv1.2.3\th1:BBBB=\n"
                + "=>\tgithub.com/fork/d\tv1.2.4-0.20240101000000-abcdefabcdef\th1:CCCC=\n"
                + "dep\tgolang.org/x/e\tv0.1.0\t\n"
                + "=>\t../e\t\t\n"
                + "build\t-compiler=gc\n";
        GoBuildInfo info = GoBuildInfo.parseModInfo("go1.21.0", text);
        List<LanguagePackage> pkgs = info.deps().stream().map(d -> d.toPackage(false)).toList();
        assertEquals("v0.0.0-20230101120000-0123456789ab", pkgs.get(0).version());
        assertEquals("h1:AAAA=", pkgs.get(0).recordedHash());
        assertEquals("github.com/fork/d", pkgs.get(1).fullName());
        assertEquals("v1.2.4-0.20240101000000-abcdefabcdef", pkgs.get(1).version());
        assertEquals("github.com/c/d v1.2.3", pkgs.get(1).properties().get("golang:replaces"));
        assertEquals("golang.org/x/e", pkgs.get(2).fullName());
        assertEquals("../e", pkgs.get(2).properties().get("golang:replaced_by"));
        assertEquals("(devel)", info.main().version());
        assertThrows(GoBuildInfo.Unreadable.class, () -> GoBuildInfo.parseModInfo("go", "=>\ta\tb\tc\n"));
        assertThrows(GoBuildInfo.Unreadable.class, () -> GoBuildInfo.parseModInfo("go", "dep\ta\n"));
        // Not what the go command writes, and not what a purl can be made of: refused, not passed on.
        for (String bad : List.of("dep\tgithub.com//x\tv1.0.0\t\n", "dep\tgithub.com/x/\tv1.0.0\t\n",
                "dep\tgithub.com/x y\tv1.0.0\t\n", "dep\tgithub.com/x\tv1 0\t\n", "dep\t\tv1.0.0\t\n")) {
            assertThrows(GoBuildInfo.Unreadable.class, () -> GoBuildInfo.parseModInfo("go", bad), bad);
        }
    }

    @Test
    void modulesTxtAsTheGoCommandReadsIt() {
        String text = "# github.com/a/b v1.0.0\n## explicit; go 1.17\ngithub.com/a/b\ngithub.com/a/b/sub\n"
                + "# github.com/c/d v1.1.0 => github.com/fork/d v1.1.1\ngithub.com/c/d\n"
                + "# github.com/e/f v0.2.0 => ./local/f\n## explicit\ngithub.com/e/f\n"
                + "# github.com/unused/x v1.0.0\n## explicit\n"
                + "# github.com/g/h => github.com/g/h v9.9.9\n";
        List<LanguagePackage> p = GoVendorCataloger.parse(text, "/vendor/modules.txt");
        assertEquals(List.of("github.com/a/b@v1.0.0", "github.com/fork/d@v1.1.1", "github.com/e/f@v0.2.0"),
                p.stream().map(x -> x.fullName() + "@" + x.version()).toList());
        assertEquals("1.17", p.get(0).properties().get("golang:go"));
        assertEquals("github.com/c/d v1.1.0", p.get(1).properties().get("golang:replaces"));
        assertEquals("./local/f", p.get(2).properties().get("golang:replaced_by"));
    }

    @Test
    void aMillionLineModulesTxtIsBoundedInTimeAndRefusedPastItsCaps() throws Exception {
        StringBuilder b = new StringBuilder();
        b.append("# github.com/a/b v1.0.0\n");
        for (int i = 0; i < 1_000_000; i++) {
            b.append("github.com/a/b/p").append(i % 1000).append('\n');
        }
        String big = b.toString(); // about 20 MB: over the byte cap
        Path dir = Files.createDirectories(tmp.resolve("nix/store/" + "a".repeat(32) + "-x-go-modules/vendor"));
        Files.writeString(dir.resolve("modules.txt"), big);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> StoreFiles.scan(tmp, List.of("/nix/store/" + "a".repeat(32) + "-x-go-modules")));
        assertTrue(e.getMessage().contains("vendor/modules.txt") && e.getMessage().contains("limit"), e.getMessage());

        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 1_000_000; i++) {
            many.append("# m").append(i).append(" v1.0.0\n");
        }
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            InvalidInputException e2 = assertThrows(InvalidInputException.class,
                    () -> GoVendorCataloger.parse(many.toString(), "/vendor/modules.txt"));
            assertTrue(e2.getMessage().startsWith("/vendor/modules.txt: lists more than"), e2.getMessage());
        });
        StringBuilder lines = new StringBuilder("# github.com/a/b v1.0.0\n");
        for (int i = 0; i < 1_000_000; i++) {
            lines.append("x\n");
        }
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertEquals(1,
                GoVendorCataloger.parse(lines.toString(), "/vendor/modules.txt").size()));
    }

    private static LanguageCataloger.Found scanBytes(byte[] b, int chunk) {
        LanguageCataloger.FileScan s = new GoBinaryCataloger().open("bin/x", b.length, 0755);
        for (int off = 0; off < b.length && s.wantsMore(); off += chunk) {
            s.data(b, off, Math.min(chunk, b.length - off));
        }
        return s.finish();
    }

    @Test
    void onlyExecutablesAreRead() throws Exception {
        // A copy of the binary without its execute bits: not a program, so not read, from disk as from a layer.
        String sp = "/nix/store/" + "b".repeat(32) + "-copy-1.0";
        Path copy = Files.createDirectories(tmp.resolve(sp.substring(1)));
        Files.copy(GoService.binary(), copy.resolve("hello-svc"));
        Files.setPosixFilePermissions(copy.resolve("hello-svc"),
                java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
        assertEquals(List.of(), StoreFiles.scan(tmp, List.of(sp)).packages());
        assertEquals(null, new GoBinaryCataloger().open("bin/x", 1 << 20, 0644));
        Files.setPosixFilePermissions(copy.resolve("hello-svc"),
                java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        assertEquals(4, StoreFiles.scan(tmp, List.of(sp)).packages().size());
    }

    @Test
    void chunkSizesDoNotChangeTheResult() throws Exception {
        byte[] bin = Files.readAllBytes(GoService.binary());
        List<LanguagePackage> whole = scanBytes(bin, bin.length).packages();
        assertEquals(4, whole.size());
        for (int chunk : new int[] {1, 7, 13, 4096, 65536}) {
            assertEquals(whole, scanBytes(chunk == 1 ? Arrays.copyOf(bin, bin.length) : bin, chunk).packages(),
                    "chunk " + chunk);
        }
    }

    @Test
    void truncatedBinariesWarnNamingTheFile() throws Exception {
        byte[] bin = Files.readAllBytes(GoService.binary());
        int magic = indexOf(bin, GoBuildInfo.MAGIC);
        for (int cut : new int[] {40, 100, magic + 20, magic + 40, magic + 200}) {
            LanguageCataloger.Found f = scanBytes(Arrays.copyOf(bin, cut), 65536);
            assertEquals(List.of(), f.packages(), "cut at " + cut);
            assertTrue(!f.warnings().isEmpty() && f.warnings().stream().allMatch(w -> w.startsWith("/bin/x: ")),
                    "cut at " + cut + ": " + f.warnings());
        }
        // A file that claims to be longer than its bytes (a tar entry cut short is the tar reader's error; on disk
        // a file that shrank while read): the scan ends where the bytes end.
        LanguageCataloger.FileScan s = new GoBinaryCataloger().open("bin/x", bin.length, 0755);
        s.data(bin, 0, magic + 20);
        LanguageCataloger.Found f = s.finish();
        assertEquals(List.of(), f.packages());
        assertTrue(f.warnings().get(0).contains("truncated"), f.warnings().toString());
    }

    @Test
    void lyingHeadersWarnAndNeverCrash() throws Exception {
        byte[] bin = Files.readAllBytes(GoService.binary());
        ByteBuffer b = ByteBuffer.wrap(bin).order(ByteOrder.LITTLE_ENDIAN);
        // Program headers said to lie past the first 64 KiB.
        byte[] farPh = bin.clone();
        ByteBuffer.wrap(farPh).order(ByteOrder.LITTLE_ENDIAN).putLong(0x20, 1L << 40);
        LanguageCataloger.Found f = scanBytes(farPh, 65536);
        assertTrue(f.packages().isEmpty() && f.warnings().get(0).contains("program headers"), f.warnings().toString());
        // Every writable segment said to be larger than the file: searched to the end, and still found.
        byte[] big = bin.clone();
        ByteBuffer bb = ByteBuffer.wrap(big).order(ByteOrder.LITTLE_ENDIAN);
        long phoff = b.getLong(0x20);
        int phnum = Short.toUnsignedInt(b.getShort(0x38));
        for (int i = 0; i < phnum; i++) {
            int p = (int) phoff + i * 56;
            if (b.getInt(p) == 1 && (b.getInt(p + 4) & 2) != 0) {
                bb.putLong(p + 32, Long.MAX_VALUE - 5);
            }
        }
        f = scanBytes(big, 65536);
        assertEquals(4, f.packages().size());
        assertTrue(f.warnings().get(0).contains("claims bytes"), f.warnings().toString());
        // The string lengths inside the build info said to be huge.
        byte[] len = bin.clone();
        int magic = indexOf(bin, GoBuildInfo.MAGIC);
        len[magic + 32] = (byte) 0xff;
        len[magic + 33] = (byte) 0xff;
        len[magic + 34] = (byte) 0xff;
        len[magic + 35] = (byte) 0x7f;
        f = scanBytes(len, 65536);
        assertTrue(f.packages().isEmpty() && f.warnings().size() == 1, f.warnings().toString());
    }

    @Test
    void aDataSegmentFullOfMagicStartsStaysBounded() {
        // An ELF whose writable segment is 8 MB of 0xff: every aligned byte starts a candidate; no deep recursion,
        // no blob kept.
        int size = 8 << 20;
        byte[] elf = new byte[size];
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 0x7f).put(1, (byte) 'E').put(2, (byte) 'L').put(3, (byte) 'F').put(4, (byte) 2).put(5, (byte) 1);
        b.putLong(0x20, 64).putShort(0x36, (short) 56).putShort(0x38, (short) 1);
        b.putInt(64, 1).putInt(68, 6).putLong(72, 4096).putLong(80, 4096).putLong(96, size - 4096);
        Arrays.fill(elf, 4096, size, (byte) 0xff);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int chunk : new int[] {13, 65536}) {
                LanguageCataloger.Found f = scanBytes(elf, chunk);
                assertEquals(List.of(), f.packages());
                assertEquals(List.of(), f.warnings());
            }
        });
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("no " + new String(needle, StandardCharsets.ISO_8859_1));
    }
}
