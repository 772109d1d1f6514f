package dev.ocisc.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.packageurl.PackageURL;
import dev.ocisc.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Purls are the specification's canonical form, and every purl ocisc writes survives parse → rebuild. */
class PurlTest {
    @Test
    void purlsAreCanonical() {
        assertEquals("pkg:nix/greeter@2.1.0?output=out&outputhash=abc",
                Purl.of("nix", null, "greeter", "2.1.0", Map.of("outputhash", "abc", "output", "out")));
        assertEquals("pkg:nix/greeter.conf", Purl.of("nix", null, "greeter.conf", "", Map.of("output", "")));
        assertEquals("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64",
                Purl.of("deb", "debian", "libc6", "2.36-9+deb12u4", Map.of("arch", "amd64")));
        // The specification: the colon MUST NOT be percent-encoded, separator or not (Debian epochs, digests).
        assertEquals("pkg:deb/debian/bsdutils@1:2.38.1-5?arch=amd64&distro=debian-12",
                Purl.of("deb", "debian", "bsdutils", "1:2.38.1-5", Map.of("arch", "amd64", "distro", "debian-12")));
        assertEquals("pkg:oci/greeter@sha256:abc?tag=1.0",
                Purl.of("oci", null, "greeter", "sha256:abc", Map.of("tag", "1.0")));
        // A literal '%' stays distinguishable from an encoded colon.
        assertEquals("pkg:generic/x@a%253Ab", Purl.of("generic", null, "x", "a%3Ab", Map.of()));
        assertEquals("pkg:golang/github.com/gorilla/mux@v1.8.1",
                Purl.of("golang", "github.com/gorilla", "mux", "v1.8.1", Map.of()));
    }

    @Test
    void theSpecificationsOwnExamplesComeOutAsItsCanonicalForm() {
        // From the purl specification's test suite (tests/types/oci-test.json, deb-test.json, apk-test.json):
        // the parsed input, rebuilt, is the expected canonical string.
        assertEquals("pkg:oci/debian@sha256:244fd47e07d10?arch=amd64&repository_url=docker.io%2Flibrary%2Fdebian"
                + "&tag=latest", Purl.canonicalize("pkg:oci/debian@sha256%3A244fd47e07d10?repository_url="
                + "docker.io/library/debian&arch=amd64&tag=latest"));
        assertEquals("pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie",
                Purl.canonicalize("pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie"));
        assertEquals("pkg:apk/alpine/curl@7.83.0-r0?arch=x86",
                Purl.canonicalize("pkg:apk/alpine/curl@7.83.0-r0?arch=x86"));
    }

    @Test
    void partsSurviveTheRoundTrip() {
        String p = Purl.of("deb", "debian", "bsdutils", "1:2.38.1-5+deb12u1", Map.of("arch", "amd64"));
        PackageURL u = Purl.parse(p);
        assertEquals("1:2.38.1-5+deb12u1", u.getVersion());
        assertEquals("debian", u.getNamespace());
        assertEquals("amd64", u.getQualifiers().get("arch"));
        assertNull(Purl.of("nix", null, "", "1", Map.of()), "a purl needs a name: none rather than a crash");
        assertThrows(IllegalArgumentException.class, () -> Purl.of("nix", null, "x", "1", Map.of("bad key", "v")));
        assertThrows(IllegalArgumentException.class, () -> Purl.canonicalize("not-a-purl"));
    }

    private static final Pattern PURL_IN_JSON = Pattern.compile("\"(pkg:[^\"]+)\"");

    /** Every purl in every golden SBOM (nix, deb, oci, ...) is canonical: parsing and rebuilding gives it back. */
    @Test
    void everyPurlOciscWritesRoundTrips() throws IOException {
        Path dir = TestData.root().resolve("sbom/src/test/resources/golden");
        TreeSet<String> purls = new TreeSet<>();
        TreeSet<String> types = new TreeSet<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(f -> f.toString().endsWith(".cdx.json") || f.toString().endsWith(".spdx.json"))
                    .forEach(files::add);
        }
        for (Path f : files) {
            Matcher m = PURL_IN_JSON.matcher(Files.readString(f));
            while (m.find()) {
                purls.add(m.group(1));
            }
        }
        assertFalse(purls.isEmpty());
        for (String p : purls) {
            assertEquals(p, Purl.canonicalize(p), "not canonical");
            assertFalse(p.contains("%3A"), p);
            types.add(Purl.parse(p).getType());
        }
        assertTrue(types.containsAll(List.of("nix", "deb", "oci")), types.toString());
    }
}
