package dev.ocisc.cli;


import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An image umoci makes of one store path holding a package of each ecosystem besides Go, from real sources:
 * Debian's PyYAML dist-info, the node_modules {@code npm ci} installed, Debian's commons-io jar and itoa crate.
 */
final class LanguageImage {
    /** The store path the image holds. */
    static final String STORE_PATH = "/nix/store/" + "0123456789abcdfghijklmnpqrsvwxyz".substring(0, 32) + "-app-1.0";

    private LanguageImage() {
    }

    /** Builds it under {@code tmp}; returns its OCI layout. */
    static Path build(Path tmp) throws IOException {
        Tools.require("umoci");
        Path npm = Path.of(System.getProperty("ocisc.root"), "oci/src/test/js/npm-tree");
        Tools.requirePath(npm.resolve("node_modules"), "npm ci in oci/src/test/js/npm-tree makes it");
        Tools.requirePath(Path.of("/usr/lib/python3/dist-packages/PyYAML-6.0.dist-info"), "Debian's python3-yaml");
        Tools.requirePath(Path.of("/usr/share/java/commons-io.jar"), "Debian's libcommons-io-java");
        Tools.requirePath(Path.of("/usr/share/cargo/registry/itoa-1.0.1"), "Debian's librust-itoa-dev");
        Path app = tmp.resolve("root").resolve(STORE_PATH.substring(1));
        Files.createDirectories(app.resolve("share/java"));
        TestData.copyTree(Path.of("/usr/lib/python3/dist-packages/PyYAML-6.0.dist-info"),
                app.resolve("lib/python3.11/site-packages/PyYAML-6.0.dist-info"));
        TestData.copyTree(npm.resolve("node_modules"), app.resolve("lib/node_modules"));
        Files.copy(Path.of("/usr/share/java/commons-io.jar"), app.resolve("share/java/commons-io.jar"));
        TestData.copyTree(Path.of("/usr/share/cargo/registry/itoa-1.0.1"), app.resolve("vendor/itoa-1.0.1"));
        Path layout = tmp.resolve("layout");
        Tools.check(tmp, "umoci", "init", "--layout", layout.toString());
        Tools.check(tmp, "umoci", "new", "--image", layout + ":t");
        Tools.check(tmp, "umoci", "insert", "--image", layout + ":t", tmp.resolve("root/nix").toString(), "/nix");
        return layout;
    }
}
