package dev.ocisc.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ocisc.catalog.CargoAuditableCataloger;
import dev.ocisc.catalog.CargoLockCataloger;
import dev.ocisc.catalog.CargoVendorCataloger;
import dev.ocisc.catalog.JarCataloger;
import dev.ocisc.catalog.LanguageCataloger;
import dev.ocisc.catalog.MavenPomPropertiesCataloger;
import dev.ocisc.catalog.NpmLockCataloger;
import dev.ocisc.catalog.NpmPackageJsonCataloger;
import dev.ocisc.catalog.PythonDistCataloger;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Timeout;

/**
 * A language manifest, lock file, jar or binary as an image layer or store path holds it: whatever the bytes, a
 * cataloger answers with packages or warnings naming the file, and never throws (the first byte picks the file).
 */
class LanguageFilesFuzzTest {
    private record Target(String path, Supplier<LanguageCataloger> cataloger) {
    }

    private static final List<Target> TARGETS = List.of(
            new Target("usr/lib/python3/site-packages/a-1.dist-info/METADATA", PythonDistCataloger::new),
            new Target("usr/lib/python3/site-packages/a-1.dist-info/RECORD", PythonDistCataloger::new),
            new Target("app/node_modules/@s/a/package.json", NpmPackageJsonCataloger::new),
            new Target("app/package-lock.json", NpmLockCataloger::new),
            new Target("vendor/a-1.0.0/Cargo.toml", CargoVendorCataloger::new),
            new Target("vendor/a-1.0.0/.cargo-checksum.json", CargoVendorCataloger::new),
            new Target("src/Cargo.lock", CargoLockCataloger::new),
            new Target("share/java/app.jar", JarCataloger::new),
            new Target("classes/META-INF/maven/g/a/pom.properties", MavenPomPropertiesCataloger::new),
            new Target("bin/app", CargoAuditableCataloger::new));

    @FuzzTest(maxDuration = "10s")
    @Timeout(10)
    void languageFile(byte[] data) {
        if (data.length == 0) {
            return;
        }
        Target t = TARGETS.get(Byte.toUnsignedInt(data[0]) % TARGETS.size());
        byte[] file = Arrays.copyOfRange(data, 1, data.length);
        LanguageCataloger.FileScan scan = t.cataloger().get().open(t.path(), file.length, 0755);
        if (scan == null) {
            return; // a binary too short to be ELF
        }
        for (int off = 0; off < file.length && scan.wantsMore(); off += 4096) {
            scan.data(file, off, Math.min(4096, file.length - off));
        }
        scan.finish();
    }
}
