package dev.ocisc.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.catalog.ImageCatalog;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.testing.TestData;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * An image's operating system comes from its os-release, as scanners read it: one {@code operating-system}
 * component named by ID and versioned by VERSION_ID, which contains the OS packages; distro qualifiers as
 * {@code ID-VERSION_ID}; no OS component, and the image saying so, when there is no os-release.
 */
class OperatingSystemTest {
    private static Sbom image(String fixture) {
        return ImageSbom.build(ImageCatalog.of(TestData.path(fixture), ReadOptions.defaults()), NixpkgsMeta.none(),
                Fixture.EPOCH_TIME, "test");
    }

    private static List<Component> os(Sbom s) {
        return s.components().stream().filter(c -> c.type() == Component.Type.OPERATING_SYSTEM).toList();
    }

    /** The OS component contains exactly the packages the database lists, each with the OS's distro qualifier. */
    private static void containsEveryPackage(Sbom s, Component os, String ecosystem, String distro) {
        Set<String> pkgs = new TreeSet<>();
        s.components().stream().filter(c -> c.purl() != null && c.purl().startsWith("pkg:" + ecosystem + "/"))
                .forEach(c -> pkgs.add(c.ref()));
        assertTrue(pkgs.size() >= 3, pkgs.toString());
        Set<String> contained = new TreeSet<>();
        for (Relationship r : s.relationships()) {
            if (r.from().equals(os.ref())) {
                assertEquals(Relationship.Type.CONTAINS, r.type());
                contained.add(r.to());
            }
            if (pkgs.contains(r.to())) {
                assertEquals(os.ref(), r.from(), "only the OS contains its packages");
            }
        }
        assertEquals(pkgs, contained);
        for (String p : pkgs) {
            assertEquals(distro, Purl.parse(p).getQualifiers().get("distro"), p);
        }
        assertTrue(s.relationships().contains(new Relationship(s.roots().get(0), os.ref(),
                Relationship.Type.CONTAINS)));
    }

    @Test
    void debianImageHasItsOsWithTheNvdCpe() {
        // testdata/oci/debian carries this machine's /etc/os-release: ID=debian, VERSION_ID="12".
        Sbom s = image("oci/debian.oci.tar");
        List<Component> os = os(s);
        assertEquals(1, os.size());
        Component d = os.get(0);
        assertEquals("debian", d.name());
        assertEquals("12", d.version());
        assertEquals("cpe:2.3:o:debian:debian_linux:12:*:*:*:*:*:*:*", d.cpe());
        assertEquals("bookworm", d.properties().get("os:version_codename"));
        assertNull(d.purl());
        containsEveryPackage(s, d, "deb", "debian-12");
    }

    @Test
    void alpineImageHasItsOsAndNoInventedCpe() {
        Sbom s = image("oci/alpine");
        Component a = os(s).get(0);
        assertEquals("alpine", a.name());
        assertEquals("3.19.1", a.version());
        assertNull(a.cpe(), "no CPE_NAME in its os-release and no known NVD name");
        containsEveryPackage(s, a, "apk", "alpine-3.19.1");
    }

    @Test
    void nixOnlyImageSaysItHasNoDistribution() {
        Sbom s = image("oci/nix-greeter.tar.gz");
        assertTrue(os(s).isEmpty());
        assertTrue(s.component(s.roots().get(0)).properties().get("oci:os_distribution").startsWith("none"));
    }

    @Test
    void osReleaseFieldsAsTheSpecificationDefinesThem() {
        Component c = ImageSbom.osComponent(Map.of("NAME", "Fedora Linux", "VERSION_ID", "39",
                "CPE_NAME", "cpe:/o:fedoraproject:fedora:39"));
        assertEquals("linux", c.name(), "ID defaults to linux (os-release(5))");
        assertEquals("cpe:2.3:o:fedoraproject:fedora:39:*:*:*:*:*:*:*", c.cpe());
        assertEquals("os:linux@39", c.ref());
        assertNull(ImageSbom.osComponent(Map.of()));
        assertNull(ImageSbom.osComponent(Map.of("ID", "debian")).cpe(), "no version, no CPE");
        assertEquals("debian-trixie", ImageSbom.distro(Map.of("ID", "debian", "VERSION_CODENAME", "trixie")));
        assertEquals("debian-12", ImageSbom.distro(Map.of("ID", "debian", "VERSION_ID", "12",
                "VERSION_CODENAME", "bookworm")));
        assertNull(ImageSbom.distro(Map.of("ID", "debian")));
        assertNull(Cpe.fromUri("cpe:/o:vendor%20x:product:1"), "percent-encoded values are not unbound");
        assertNull(Cpe.fromUri("cpe:/a:gnu:bash:5"), "an application is not an operating system");
    }
}
