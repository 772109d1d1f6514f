package dev.ocisc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** DEP-5 synopses become SPDX expressions only where a name's meaning is defined; everything else a LicenseRef. */
class DebianCopyrightTest {
    private static final String FORMAT = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
            + "Upstream-Name: x\n\n";

    private static String license(String body) {
        return DebianCopyright.license((FORMAT + body).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void dep5ShortNamesWithAVersionAreTheirSpdxIds() {
        assertEquals("GPL-2.0-or-later", DebianCopyright.spdxId("GPL-2+"));
        assertEquals("GPL-2.0-only", DebianCopyright.spdxId("GPL-2"));
        assertEquals("GPL-2.0-or-later", DebianCopyright.spdxId("GPL-2.0+"));
        assertEquals("LGPL-2.1-or-later", DebianCopyright.spdxId("LGPL-2.1+"));
        assertEquals("LGPL-2.0-only", DebianCopyright.spdxId("LGPL-2"));
        assertEquals("AGPL-3.0-only", DebianCopyright.spdxId("AGPL-3"));
        assertEquals("GFDL-1.3-no-invariants-or-later", DebianCopyright.spdxId("GFDL-NIV-1.3+"));
        assertEquals("MIT", DebianCopyright.spdxId("Expat"));
        assertEquals("Apache-2.0", DebianCopyright.spdxId("Apache-2"));
        assertEquals("BSD-3-Clause", DebianCopyright.spdxId("BSD-3-clause"), "SPDX ids match without case");
        assertEquals("Zlib", DebianCopyright.spdxId("zlib"));
        // No version, no defined meaning: never the nearest id.
        assertNull(DebianCopyright.spdxId("GPL"));
        assertNull(DebianCopyright.spdxId("Artistic"));
        assertNull(DebianCopyright.spdxId("public-domain"));
        assertNull(DebianCopyright.spdxId("GPL-9+"), "no such licence in the SPDX list");
    }

    @Test
    void synopsesFollowTheDep5Syntax() {
        assertEquals("BSD-3-Clause OR GPL-2.0-only", DebianCopyright.synopsis("BSD-3-clause or GPL-2"));
        assertEquals("GPL-1.0-or-later OR LicenseRef-Debian-artistic", DebianCopyright.synopsis("GPL-1+ or Artistic"));
        assertEquals("(GPL-1.0-or-later OR LicenseRef-Debian-artistic) AND MIT",
                DebianCopyright.synopsis("GPL-1+ or Artistic, and Expat"));
        assertEquals("GPL-2.0-only WITH Linux-syscall-note",
                DebianCopyright.synopsis("GPL-2 with Linux-syscall-note exception"));
        assertEquals("GPL-2.0-or-later WITH Texinfo-exception",
                DebianCopyright.synopsis("GPL-2+ with Texinfo exception"));
        // SPDX has Bison-exception-1.24 and -2.2; "Bison exception" names neither: kept as written.
        assertEquals("LicenseRef-Debian-gpl-3-or-later-with-bison-exception",
                DebianCopyright.synopsis("GPL-3+ with Bison exception"));
        assertEquals("LicenseRef-Debian-gpl-3-with-bison-exception",
                DebianCopyright.synopsis("GPL-3 with Bison exception"), "\"+\" is kept: a different licence");
        assertEquals("LicenseRef-Debian-gfdl-1.3-or-later-no-invariant",
                DebianCopyright.synopsis("GFDL-1.3+-no-invariant"));
        assertEquals("LicenseRef-Debian-bsd-3-clause-and-or-gpl-3-or-later",
                DebianCopyright.synopsis("BSD-3-clause and/or GPL-3+"));
        assertEquals("LicenseRef-Debian-a-or-b-and-c", DebianCopyright.synopsis("A or B and C"), "ambiguous");
    }

    @Test
    void filesParagraphsCombineWithAnd() {
        assertEquals("(BSD-3-Clause OR GPL-2.0-only) AND Zlib AND MIT", license(
                "Files: *\nCopyright: a\nLicense: BSD-3-clause or GPL-2\n\n"
                + "Files: zlibWrapper/*\nCopyright: b\nLicense: zlib\n\n"
                + "Files: contrib/*\nCopyright: c\nLicense: Expat\n\n"
                + "Files: more/*\nCopyright: d\nLicense: Zlib\n\n"
                + "License: zlib\n This software is provided 'as-is'...\n"));
        // Each licence once: the top-level AND terms of every synopsis make one list.
        assertEquals("GPL-3.0-or-later AND ISC AND (GPL-1.0-or-later OR LicenseRef-Debian-artistic)", license(
                "Files: *\nCopyright: a\nLicense: GPL-3+\n\nFiles: lib/*\nCopyright: b\nLicense: GPL-3+ and ISC\n\n"
                + "Files: perl/*\nCopyright: c\nLicense: GPL-1+ or Artistic, and GPL-3+\n"));
        assertEquals("BSD-3-Clause OR GPL-2.0-only", license("Files: *\nCopyright: a\nLicense: BSD-3-clause or GPL-2\n"));
        assertEquals("LicenseRef-Debian-public-domain", license("Files: *\nCopyright: none\nLicense: public-domain\n"
                + " The text.\n"));
    }

    @Test
    void notMachineReadableMeansNoLicence() {
        assertNull(DebianCopyright.license(("This is the Debian prepackaged version of zlib.\n\n"
                + "License: zlib\n").getBytes(StandardCharsets.UTF_8)));
        assertNull(license("License: GPL-2+\n Only a stand-alone licence paragraph, no Files.\n"));
        assertNull(DebianCopyright.license(new byte[0]));
    }

    /** A licence text of a million lines (within the 4 MiB cap) is read in linear time. */
    @Test
    void aLongLicenceTextIsReadInLinearTime() {
        StringBuilder b = new StringBuilder("Files: *\nCopyright: x\nLicense: MIT\n");
        b.append(" .\n".repeat(1_000_000));
        long t0 = System.nanoTime();
        assertEquals("MIT", license(b.toString()));
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "took " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }
}
