package dev.ocisc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.oci.ReadOptions;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
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

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    /** An SPDX id or LicenseRef in an expression (operators and WITH's exception ids are not licences). */
    private static final Pattern ID = Pattern.compile("(?<!WITH )\\b(LicenseRef-[A-Za-z0-9.-]+|[A-Za-z0-9][A-Za-z0-9.+-]*)");
    /** DEP-5's numbered short names, as the copyright-format 1.0 specification defines them. */
    private static final Pattern NUMBERED = Pattern.compile("(A?GPL|LGPL|GFDL|GFDL-NIV)-(\\d)(?:\\.(\\d))?(\\+)?");

    /**
     * Licences from the copyright files, against Debian's own DEP-5 parser (python3-debian) on the rootfs the
     * image was made from: a package has a licence exactly when its copyright file is machine-readable; every
     * SPDX id in its expression is a name its file uses (as written, or a numbered DEP-5 name spelt out), so none
     * is guessed; and for packages checked by hand against their files, the expression is exact.
     */
    @Test
    void licencesComeFromMachineReadableCopyrightFilesOnly() throws Exception {
        Tools.require("debootstrap");
        Tools.require("umoci");
        boolean pythonDebian = Files.isExecutable(PYTHON)
                && Tools.run(null, PYTHON.toString(), "-c", "import debian.copyright").exitCode() == 0;
        if (!pythonDebian) {
            String msg = "python3-debian (Debian package, for /usr/bin/python3) is not installed; .ci/run installs it";
            if (Tools.required()) {
                fail(msg + " (OCISC_REQUIRE_TOOLS=1)");
            }
            Assumptions.abort(msg);
        }
        Path out = TestData.root().resolve("oci/target/debian-minbase");
        Tools.check(null, "bash", TestData.path("oci/make-debian-minbase.sh").toString(), out.toString());
        Map<String, List<String>> truth = new TreeMap<>();
        for (String line : Tools.check(null, PYTHON.toString(),
                TestData.root().resolve("oci/src/test/python/dep5_synopses.py").toString(),
                out.resolve("rootfs").toString()).split("\n")) {
            String[] f = line.split("\t");
            truth.put(f[0], f[1].equals("MR") ? List.of(f).subList(2, f.length) : null);
        }
        ImageCatalog c = ImageCatalog.of(out.resolve("image"), ReadOptions.defaults());
        Map<String, String> ours = new TreeMap<>();
        int machineReadable = 0;
        for (FoundPackage p : c.packages()) {
            String doc = Files.isSymbolicLink(out.resolve("rootfs/usr/share/doc/" + p.pkg().name()))
                    ? Files.readSymbolicLink(out.resolve("rootfs/usr/share/doc/" + p.pkg().name())).toString()
                    : p.pkg().name();
            assertTrue(truth.containsKey(doc), "no copyright file for " + p.pkg().name());
            List<String> synopses = truth.get(doc);
            String license = p.pkg().license();
            ours.put(p.pkg().name(), license);
            if (synopses == null || synopses.isEmpty()) {
                assertNull(license, p.pkg().name() + " has no machine-readable copyright file");
                continue;
            }
            machineReadable++;
            assertNotNull(license, p.pkg().name());
            Set<String> named = new TreeSet<>();
            for (String s : synopses) {
                for (String w : s.split("[\\s,]+")) {
                    named.add(w.toLowerCase(Locale.ROOT));
                    Matcher m = NUMBERED.matcher(w);
                    if (m.matches()) {
                        boolean niv = m.group(1).equals("GFDL-NIV");
                        named.add(((niv ? "GFDL" : m.group(1)) + "-" + m.group(2) + "."
                                + (m.group(3) == null ? "0" : m.group(3)) + (niv ? "-no-invariants" : "")
                                + (m.group(4) == null ? "-only" : "-or-later")).toLowerCase(Locale.ROOT));
                    }
                    if (w.equalsIgnoreCase("Expat")) {
                        named.add("mit"); // copyright-format 1.0: "Expat", the MIT licence
                    }
                    if (w.equalsIgnoreCase("Apache-2")) {
                        named.add("apache-2.0");
                    }
                }
            }
            Matcher m = ID.matcher(license.replaceAll("WITH [A-Za-z0-9.-]+", ""));
            while (m.find()) {
                String id = m.group(1);
                if (!id.equals("AND") && !id.equals("OR") && !id.startsWith("LicenseRef-")) {
                    assertTrue(named.contains(id.toLowerCase(Locale.ROOT)), p.pkg().name() + ": " + id
                            + " is not a name its copyright file uses: " + synopses);
                }
            }
        }
        assertTrue(machineReadable > 50, "most of a minbase has DEP-5 copyright files: " + machineReadable);
        // Checked by hand against the files (bookworm).
        assertNull(ours.get("base-files"));
        assertNull(ours.get("libc6"));
        assertEquals("Zlib", ours.get("zlib1g"));
        assertEquals("(BSD-3-Clause OR GPL-2.0-only) AND Zlib AND MIT", ours.get("libzstd1"));
        assertEquals("LicenseRef-Debian-public-domain", ours.get("tzdata"));
        assertEquals("GPL-2.0-or-later AND LGPL-2.0-or-later", ours.get("libacl1"));
        assertEquals("GPL-2.0-only AND X11 AND CC-BY-3.0", ours.get("mawk"));
        assertEquals("GPL-2.0-or-later AND LicenseRef-Debian-public-domain AND SMAIL-GPL", ours.get("debianutils"));
    }
}
