package dev.ocisc.sbom;

import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.nio.file.Path;

/**
 * The real Debian minbase image that testdata/oci/make-debian-minbase.sh makes with debootstrap and umoci into
 * oci/target/debian-minbase (shared with the oci module's DebianMinbaseTest, which usually has made it already).
 */
final class DebianMinbase {
    private DebianMinbase() {
    }

    static Path dir() {
        Tools.require("debootstrap");
        Tools.require("umoci");
        Path out = TestData.root().resolve("oci/target/debian-minbase");
        Tools.check(null, "bash", TestData.path("oci/make-debian-minbase.sh").toString(), out.toString());
        return out;
    }

    static Path image() {
        return dir().resolve("image");
    }
}
