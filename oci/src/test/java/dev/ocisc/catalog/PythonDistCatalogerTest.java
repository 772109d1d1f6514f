package dev.ocisc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.json.StrictJson;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python distributions against {@code importlib.metadata} on Debian's own installed distributions. */
class PythonDistCatalogerTest {
    private static final Path DEBIAN = Path.of("/usr/lib/python3/dist-packages");

    @Test
    void debiansDistributionsAsImportlibMetadataReadsThem(@TempDir Path tmp) throws IOException {
        Tools.require("python3");
        Path site = tmp.resolve("lib/python3.11/site-packages");
        Files.createDirectories(site);
        try (Stream<Path> s = Files.list(DEBIAN)) {
            for (Path d : s.filter(p -> p.getFileName().toString().matches(".+\\.(dist|egg)-info")
                    && Files.isDirectory(p)).toList()) {
                TestData.copyTree(d, site.resolve(d.getFileName().toString()));
            }
        }
        // distutils writes the metadata of a distribution as a file named *.egg-info.
        Files.writeString(site.resolve("distutils_dist-0.3.egg-info"), "Metadata-Version: 1.1\nName: distutils_dist\n"
                + "Version: 0.3\nLicense: ISC\n");
        Tools.Result truth = Tools.run(tmp, "python3", "-c", """
                import importlib.metadata as m, json, sys
                print(json.dumps(sorted([d.metadata["Name"], d.version, d.metadata.get("License-Expression"),
                    d.metadata.get("License")] for d in m.distributions(path=[sys.argv[1]]))))
                """, site.toString());
        assertEquals(0, truth.exitCode(), truth.stderr());
        JsonNode dists = StrictJson.parse(truth.stdout().getBytes(StandardCharsets.UTF_8), "importlib.metadata");
        assertTrue(dists.size() >= 5, "python3's own distributions are installed: " + dists);

        CatalogerRun run = CatalogerRun.tree(tmp, new PythonDistCataloger());
        assertEquals(List.of(), run.warnings());
        List<String> expected = new ArrayList<>();
        int spdx = 0;
        int declaredOnly = 0;
        for (JsonNode d : dists) {
            String declared = !d.get(2).isNull() ? d.get(2).asText() : d.get(3).isNull() ? null : d.get(3).asText();
            String valid = SpdxExpression.valid(declared);
            spdx += valid != null ? 1 : 0;
            declaredOnly += valid == null && declared != null ? 1 : 0;
            expected.add(d.get(0).asText() + " " + d.get(1).asText() + " " + valid + " "
                    + (valid == null && declared != null && !declared.isBlank() ? declared.strip() : null));
        }
        List<String> found = new ArrayList<>();
        for (LanguagePackage p : run.packages()) {
            assertEquals("pypi", p.ecosystem());
            assertTrue(p.evidence().path().matches("/lib/python3.11/site-packages/[^/]+\\.(dist-info/METADATA"
                    + "|egg-info/PKG-INFO|egg-info)"), p.evidence().path());
            found.add(p.name() + " " + p.version() + " " + p.license() + " "
                    + p.properties().get("pypi:declared_license"));
        }
        assertEquals(expected.stream().sorted().toList(), found.stream().sorted().toList());
        assertTrue(spdx > 0 && declaredOnly > 0, "both SPDX and free-text licences are covered");
    }

    @Test
    void licenseExpressionWinsOverLicense() {
        CatalogerRun run = CatalogerRun.bytes("site-packages/a-1.dist-info/METADATA", """
                Metadata-Version: 2.4
                Name: A_Pkg
                Version: 1.0rc1
                License: BSD
                License-Expression: MIT OR Apache-2.0

                Body: not a header
                """.getBytes(StandardCharsets.UTF_8), new PythonDistCataloger());
        assertEquals(List.of(), run.warnings());
        LanguagePackage p = run.packages().get(0);
        assertEquals("A_Pkg 1.0rc1 MIT OR Apache-2.0 {}", p.name() + " " + p.version() + " " + p.license() + " "
                + p.properties());
    }

    @Test
    void malformedMetadataIsAWarningNamingTheFile() {
        String path = "usr/lib/python3/site-packages/x-1.dist-info/METADATA";
        List<byte[]> bad = List.of(
                "Name: x\nthis line is no header\nVersion: 1\n".getBytes(StandardCharsets.UTF_8),
                "Name: x\n".getBytes(StandardCharsets.UTF_8),
                "Name: x\nName: y\nVersion: 1\n".getBytes(StandardCharsets.UTF_8),
                " Name: x\n".getBytes(StandardCharsets.UTF_8),
                new byte[] {'N', 'a', 'm', 'e', ':', ' ', (byte) 0xff, '\n'},
                new byte[(int) PythonDistCataloger.MAX_METADATA + 1]);
        for (byte[] b : bad) {
            CatalogerRun run = CatalogerRun.bytes(path, b, new PythonDistCataloger());
            assertEquals(List.of(), run.packages());
            assertEquals(1, run.warnings().size(), run.warnings().toString());
            assertTrue(run.warnings().get(0).startsWith("/" + path + ": "), run.warnings().get(0));
        }
    }

    @Test
    void recordThatDisagreesWithMetadataIsAWarning(@TempDir Path tmp) throws IOException {
        Path d = tmp.resolve("site-packages/x-1.dist-info");
        Files.createDirectories(d);
        Files.writeString(d.resolve("METADATA"), "Name: x\nVersion: 1\n");
        // Python's own hash of the file as RECORD writes it, then METADATA changes.
        Tools.require("python3");
        Tools.Result rec = Tools.run(tmp, "python3", "-c", """
                import hashlib, base64, sys
                h = base64.urlsafe_b64encode(hashlib.sha256(open(sys.argv[1], 'rb').read()).digest()).rstrip(b'=')
                print('x-1.dist-info/METADATA,sha256=%s,20' % h.decode())
                print('x-1.dist-info/RECORD,,')
                """, d.resolve("METADATA").toString());
        assertEquals(0, rec.exitCode(), rec.stderr());
        Files.writeString(d.resolve("RECORD"), rec.stdout());
        assertEquals(List.of(), CatalogerRun.tree(tmp, new PythonDistCataloger()).warnings());
        Files.writeString(d.resolve("METADATA"), "Name: x\nVersion: 2\n");
        CatalogerRun run = CatalogerRun.tree(tmp, new PythonDistCataloger());
        assertEquals(1, run.warnings().size(), run.warnings().toString());
        assertTrue(run.warnings().get(0).startsWith("/site-packages/x-1.dist-info/RECORD: lists METADATA"));
        assertFalse(run.packages().isEmpty(), "the distribution is still what METADATA says");
    }
}
