package dev.ocisc.dsse;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ocisc.slsa.NixProvenance;
import dev.ocisc.slsa.ProvenanceOptions;
import dev.ocisc.slsa.StatementJson;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;

/** Where the independent implementations are, and a real statement for them to check. */
final class Interop {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    private Interop() {
    }

    static Path testDir(String sub) {
        return TestData.root().resolve("provenance/src/test").resolve(sub);
    }

    /** Debian's python3 with python3-securesystemslib; fails in CI (OCISC_REQUIRE_TOOLS=1) when missing. */
    static Path securesystemslib() {
        boolean ok = Files.isExecutable(PYTHON)
                && Tools.run(null, PYTHON.toString(), "-c", "import securesystemslib.signer").exitCode() == 0;
        if (!ok) {
            missing("python3-securesystemslib (Debian package, for /usr/bin/python3)");
        }
        return testDir("python/sslib_dsse.py");
    }

    /** The @sigstore/verify script, with its node_modules installed by npm ci. */
    static Path sigstoreVerify() {
        Tools.require("node");
        Path js = testDir("js");
        if (!Files.isDirectory(js.resolve("node_modules/@sigstore/verify"))) {
            missing("@sigstore/verify (run npm ci in provenance/src/test/js)");
        }
        return js.resolve("verify-bundle.js");
    }

    private static void missing(String what) {
        if (Tools.required()) {
            fail(what + " is not installed (OCISC_REQUIRE_TOOLS=1)");
        }
        Assumptions.abort(what + " is not installed; .ci/run installs it");
    }

    /** The testdata build's provenance, compact, as signed: non-ASCII free, so tests add their own where needed. */
    static byte[] statement() {
        ProvenanceOptions o = new ProvenanceOptions(true, "https://example.org/builder",
                ProvenanceOptions.NIX_BUILD_TYPE, new TreeMap<>(), new TreeMap<>(), null, null, null);
        return StatementJson.write(new NixProvenance(TestData.nixStore()).statement(
                TestData.path("nix/result").toString(), o), false);
    }
}
