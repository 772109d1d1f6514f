package dev.ocisc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.oci.ReadOptions;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A real Debian minbase made by debootstrap (testdata/oci/make-debian-minbase.sh, into the build directory:
 * it is too large to commit): the packages ocisc finds in the image are exactly what dpkg-query lists in the
 * rootfs it was made from.
 */
class DebianMinbaseTest {
    @Test
    void packagesEqualDpkgQueryOfTheRootfs() throws Exception {
        Tools.require("debootstrap");
        Tools.require("umoci");
        Path out = TestData.root().resolve("oci/target/debian-minbase");
        Tools.check(null, "bash", TestData.path("oci/make-debian-minbase.sh").toString(), out.toString());
        Set<String> truth = new TreeSet<>(Files.readAllLines(out.resolve("dpkg-query.txt")));
        assertTrue(truth.size() > 50, "a minbase has dozens of packages: " + truth.size());

        ImageCatalog c = ImageCatalog.of(out.resolve("image"), ReadOptions.defaults());
        Set<String> found = new TreeSet<>();
        for (FoundPackage p : c.packages()) {
            assertEquals("deb", p.pkg().ecosystem());
            found.add(p.pkg().name() + "\t" + p.pkg().version() + "\t" + p.pkg().arch());
        }
        assertEquals(truth, found);
        assertEquals("debian", c.osRelease().get("ID"));
    }
}
