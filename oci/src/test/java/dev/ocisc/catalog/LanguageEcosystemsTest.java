package dev.ocisc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.oci.ReadOptions;
import dev.ocisc.oci.TestLayouts;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python, npm, Maven and Cargo packages from one store path, the same whether it is read on disk (for
 * {@code ocisc sbom TARGET}) or from an image layer that tar packed it into (for {@code ocisc sbom IMAGE}); each
 * ecosystem's own truth is checked by its cataloger's test.
 */
class LanguageEcosystemsTest {
    private static final String SP = "/nix/store/" + "0123456789abcdfghijklmnpqrsvwxyz".substring(0, 32) + "-app-1.0";

    /** A store path with Debian's Python distributions, the npm tree npm ci made, a Debian jar and crates. */
    private static Path store(Path tmp) throws IOException {
        Path npm = Path.of("src/test/js/npm-tree");
        Tools.requirePath(npm.resolve("node_modules"), "npm ci in oci/src/test/js/npm-tree makes it");
        Tools.requirePath(Path.of("/usr/lib/python3/dist-packages/PyYAML-6.0.dist-info"), "Debian's python3-yaml");
        Tools.requirePath(Path.of("/usr/lib/python3/dist-packages/six-1.16.0.egg-info"), "Debian's python3-six");
        Tools.requirePath(Path.of("/usr/share/java/commons-io.jar"), "Debian's libcommons-io-java");
        Tools.requirePath(Path.of("/usr/share/cargo/registry/itoa-1.0.1"), "Debian's librust-itoa-dev");
        Tools.requirePath(Path.of("/usr/share/cargo/registry/ryu-1.0.2"), "Debian's librust-ryu-dev");
        Path root = tmp.resolve("root");
        Path app = root.resolve(SP.substring(1));
        Path site = app.resolve("lib/python3.11/site-packages");
        Files.createDirectories(site);
        TestData.copyTree(Path.of("/usr/lib/python3/dist-packages/PyYAML-6.0.dist-info"),
                site.resolve("PyYAML-6.0.dist-info"));
        TestData.copyTree(Path.of("/usr/lib/python3/dist-packages/six-1.16.0.egg-info"),
                site.resolve("six-1.16.0.egg-info"));
        TestData.copyTree(npm.resolve("node_modules"), app.resolve("lib/node_modules"));
        Files.copy(npm.resolve("package-lock.json"), app.resolve("lib/package-lock.json"));
        Files.createDirectories(app.resolve("share/java"));
        Files.copy(Path.of("/usr/share/java/commons-io.jar"), app.resolve("share/java/commons-io.jar"));
        for (String crate : List.of("itoa-1.0.1", "ryu-1.0.2")) {
            TestData.copyTree(Path.of("/usr/share/cargo/registry", crate), app.resolve("vendor").resolve(crate));
        }
        return root;
    }

    private static Set<String> described(List<LanguagePackage> pkgs) {
        return pkgs.stream().map(p -> p.ecosystem() + " " + p.fullName() + "@" + p.version() + " " + p.recordedHash()
                + " " + p.license() + " " + p.main() + " " + p.evidence().path() + " " + p.evidence().sha256() + " "
                + p.container() + " " + p.properties()).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void storePathOnDiskAndInAnImageLayerListTheSamePackages(@TempDir Path tmp) throws IOException {
        Path root = store(tmp);
        StoreFiles disk = StoreFiles.scan(root, List.of(SP));
        assertEquals(List.of(), disk.warnings());
        Map<String, Integer> perEcosystem = new TreeMap<>();
        disk.packages().forEach(p -> perEcosystem.merge(p.ecosystem(), 1, Integer::sum));
        // 2 distributions; 5 packages in node_modules, 6 in the lock (the project too); 1 jar; 2 crates.
        assertEquals(Map.of("cargo", 2, "maven", 1, "npm", 11, "pypi", 2), perEcosystem);
        for (LanguagePackage p : disk.packages()) {
            assertEquals(SP, p.container());
            assertTrue(p.evidence().path().startsWith(SP + "/"), p.evidence().path());
        }
        Tools.require("sha256sum");
        String jar = SP + "/share/java/commons-io.jar";
        Tools.Result sum = Tools.run(root, "sha256sum", jar.substring(1));
        assertEquals(sum.stdout().substring(0, 64), disk.packages().stream()
                .filter(p -> p.evidence().path().equals(jar)).findFirst().orElseThrow().evidence().sha256());

        Tools.require("tar");
        Path layer = tmp.resolve("layer.tar");
        Tools.Result t = Tools.run(root, "tar", "--sort=name", "--owner=0", "--group=0", "-cf", layer.toString(),
                "nix");
        assertEquals(0, t.exitCode(), t.stderr());
        Path image = TestLayouts.write(tmp.resolve("image"),
                List.of(TestLayouts.LayerSpec.tar(Files.readAllBytes(layer))));
        ImageCatalog c = ImageCatalog.of(image, ReadOptions.defaults());
        assertEquals(described(disk.packages()),
                described(c.languagePackages().stream().map(LayerPackage::pkg).toList()));
    }
}
