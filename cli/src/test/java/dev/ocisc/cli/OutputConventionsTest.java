package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.failure.ExitCode;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conventions users bring from syft, trivy and cosign, through ocisc's own command line (in this JVM, with an
 * environment and standard input of the test's choosing): -o FORMAT[=FILE], -o -, a target -, --quiet, -v,
 * OCISC_* defaults, report formats and --exit-code of the gates.
 */
class OutputConventionsTest {
    private static final String RESULT = TestData.path("nix/result").toString();
    private static final String STORE = TestData.nixStore().toString();
    private static final Map<String, String> NO_ENV = Map.of();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static Tools.Result ocisc(String... args) {
        return ocisc(NO_ENV, args);
    }

    private static Tools.Result ocisc(Map<String, String> env, String... args) {
        return Ocisc.inProcess(env, new byte[0], args);
    }

    private static String[] sbom(String... more) {
        return Stream.concat(Stream.of("sbom", RESULT, "--store", STORE), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void aFormatNameAloneWritesThatFormatToStdoutAsSyftDoes() throws Exception {
        Tools.Result r = ocisc(sbom("-o", "SPDX-JSON"));
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("SPDX-2.3", JSON.readTree(r.stdout()).path("spdxVersion").asText(), r.stdout());
        assertFalse(Files.exists(Path.of("SPDX-JSON")), "no file named after the format");
    }

    @Test
    void formatEqualsFileIsRepeatableAndTakesAliases() throws Exception {
        Path spdx = tmp.resolve("a.json");
        Path cdx = tmp.resolve("b.json");
        Tools.Result r = ocisc(sbom("-o", "spdx=" + spdx, "-o", "CycloneDX=" + cdx, "-o", "spdx-tag-value=-"));
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("SPDX-2.3", JSON.readTree(spdx.toFile()).path("spdxVersion").asText());
        assertEquals("CycloneDX", JSON.readTree(cdx.toFile()).path("bomFormat").asText());
        assertTrue(r.stdout().startsWith("SPDXVersion: SPDX-2.3\n"), r.stdout());
        try (Stream<Path> made = Files.list(tmp)) {
            assertEquals(List.of("a.json", "b.json"), made.map(p -> p.getFileName().toString()).sorted().toList(),
                    "nothing else made, no directory named spdx=");
        }
    }

    @Test
    void aFormatNameWithFIsAmbiguousAndSaysBothReadings() {
        Tools.Result r = ocisc(sbom("-f", "csv", "-o", "spdx-json"));
        CliIT.assertOneLineError(r, ExitCode.USAGE, "-o spdx-json", "standard output", "spdx-json=FILE",
                "./spdx-json");
        assertEquals("", r.stdout());
        // ./NAME is the file of that name, in the -f format.
        Path named = tmp.resolve("spdx-json");
        Tools.Result file = ocisc(sbom("-f", "csv", "-o", named.toString()));
        assertEquals(0, file.exitCode(), file.stderr());
        assertTrue(Files.isRegularFile(named));
    }

    @Test
    void anUnknownFormatBeforeEqualsIsAUsageErrorAndMakesNothing() throws Exception {
        Tools.Result r = ocisc(sbom("-o", "spdxjson=" + tmp.resolve("x.json")));
        CliIT.assertOneLineError(r, ExitCode.USAGE, "unknown format 'spdxjson'", "spdx-json");
        try (Stream<Path> made = Files.list(tmp)) {
            assertEquals(0, made.count());
        }
        assertFalse(Files.exists(Path.of("spdxjson=")));
    }

    @Test
    void aMissingOutputDirectoryIsRefusedBeforeAnyWorkAndNotMade() {
        for (String[] args : List.of(sbom("-o", tmp.resolve("missing/deeper/x.json").toString()),
                new String[] {"diff", RESULT, RESULT, "-o", tmp.resolve("missing/d.txt").toString()},
                new String[] {"graph", RESULT, "--store", STORE, "-o", "json=" + tmp.resolve("missing/g.json")})) {
            Tools.Result r = ocisc(args);
            CliIT.assertOneLineError(r, ExitCode.BAD_INPUT, "no such directory " + tmp.resolve("missing"));
            assertFalse(Files.exists(tmp.resolve("missing")), String.join(" ", args));
        }
    }

    @Test
    void dashIsStdout() {
        Tools.Result r = ocisc(sbom("-f", "csv", "-o", "-"));
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("ref,name,version,"), r.stdout());
        CliIT.assertOneLineError(ocisc("graph", RESULT, "--store", STORE, "--why", "libgreet", "-o", "x"),
                ExitCode.USAGE, "--why prints its paths to stdout");
        Tools.Result two = ocisc(sbom("-f", "csv", "-o", "-", "-o", "spdx-json=-"));
        CliIT.assertOneLineError(two, ExitCode.USAGE, "only one report can go to standard output");
    }

    @Test
    void aTargetDashReadsAJsonGraphFromStdin() throws Exception {
        Path pathInfo = TestData.path("nix/path-info.json");
        Tools.Result fromFile = ocisc("sbom", pathInfo.toString(), "-f", "csv");
        Tools.Result piped = Ocisc.inProcess(NO_ENV, Files.readAllBytes(pathInfo), "sbom", "-", "-f", "csv");
        assertEquals(0, piped.exitCode(), piped.stderr());
        assertEquals(fromFile.stdout(), piped.stdout());
        assertTrue(piped.stdout().lines().count() > 2, piped.stdout());

        Path drvs = TestData.path("nix/derivation-show.json");
        Tools.Result graph = Ocisc.inProcess(NO_ENV, Files.readAllBytes(drvs), "graph", "-", "-f", "json");
        assertEquals(ocisc("graph", drvs.toString(), "-f", "json").stdout(), graph.stdout());

        Tools.Result bad = Ocisc.inProcess(NO_ENV, "{\"a\":".getBytes(), "sbom", "-");
        CliIT.assertOneLineError(bad, ExitCode.BAD_INPUT, "ocisc: <stdin>: ");
        Tools.Result notAGraph = Ocisc.inProcess(NO_ENV, "[]".getBytes(), "graph", "-");
        CliIT.assertOneLineError(notAGraph, ExitCode.BAD_INPUT, "ocisc: <stdin>: not a JSON graph");
    }

    @Test
    void quietSaysNothingButErrorsAndVerboseSaysWhatTookHowLong() {
        Path out = tmp.resolve("s.json");
        Tools.Result normal = ocisc(sbom("-o", out.toString()));
        assertTrue(normal.stderr().startsWith("wrote " + out), normal.stderr());
        Tools.Result quiet = ocisc("-q", "sbom", RESULT, "--store", STORE, "-o", out.toString());
        assertEquals(0, quiet.exitCode());
        assertEquals("", quiet.stderr());
        Tools.Result quietAfter = ocisc(sbom("--quiet", "-o", tmp.resolve("t.json").toString()));
        assertEquals("", quietAfter.stderr(), "an inherited option, also after the command");
        Tools.Result quietKeygen = ocisc("-q", "keygen", "-o", tmp.resolve("k").toString());
        assertEquals(0, quietKeygen.exitCode());
        assertEquals("", quietKeygen.stderr());
        Tools.Result quietError = ocisc(sbom("-q", "-o", "nope=x"));
        CliIT.assertOneLineError(quietError, ExitCode.USAGE, "unknown format");

        Tools.Result plain = ocisc(sbom("-f", "csv"));
        Tools.Result verbose = ocisc(sbom("-f", "csv", "-v"));
        assertEquals(plain.stdout(), verbose.stdout(), "stdout is the report alone");
        assertTrue(verbose.stderr().contains("ocisc: reading " + RESULT + ": a link to /nix/store/"),
                verbose.stderr());
        assertTrue(verbose.stderr().contains("in the store at " + STORE), verbose.stderr());
        assertTrue(verbose.stderr().lines().anyMatch(l -> l.matches("ocisc: read the graph: [0-9]+ ms")),
                verbose.stderr());
        CliIT.assertOneLineError(ocisc(sbom("-q", "-v")), ExitCode.USAGE, "--quiet and --verbose");
    }

    @Test
    void exitCodeLetsAGateReportWithoutFailing() throws Exception {
        String a = TestData.path("nix/path-info.json").toString();
        String b = TestData.path("nix/meta.json").toString();
        assertEquals(ExitCode.FOUND, ocisc("diff", a, b).exitCode());
        Path report = tmp.resolve("d.json");
        Tools.Result ok = ocisc("diff", a, b, "--exit-code", "0", "-o", "json=" + report);
        assertEquals(0, ok.exitCode(), ok.stderr());
        assertEquals("drift", JSON.readTree(report.toFile()).path("verdict").asText());
        assertEquals(7, ocisc("diff", a, b, "--exit-code", "7").exitCode());
        CliIT.assertOneLineError(ocisc("diff", a, b, "--exit-code", "3"), ExitCode.USAGE, "--exit-code");
        // From the environment, as a CI job sets it once; the command line wins.
        assertEquals(0, ocisc(Map.of("OCISC_EXIT_CODE", "0"), "diff", a, b).exitCode());
        assertEquals(1, ocisc(Map.of("OCISC_EXIT_CODE", "0"), "diff", a, b, "--exit-code", "1").exitCode());
    }

    @Test
    void attestVerifyWritesJsonAndMarkdownAndTakesItsKeyFromTheEnvironment() throws Exception {
        Path key = tmp.resolve("k");
        assertEquals(0, ocisc("keygen", "-o", key.toString()).exitCode());
        Path env = tmp.resolve("p.intoto.jsonl");
        Tools.Result signed = ocisc("provenance", RESULT, "--store", STORE, "--sign", key + ".key", "-o",
                env.toString());
        assertEquals(0, signed.exitCode(), signed.stderr());
        String pub = key + ".pub";

        Path json = tmp.resolve("v.json");
        Path md = tmp.resolve("v.md");
        Tools.Result v = ocisc(Map.of("OCISC_KEY", pub), "attest", "verify", env.toString(), "-o", "json=" + json,
                "-o", "md=" + md, "-o", "text");
        assertEquals(0, v.exitCode(), v.stderr());
        assertTrue(v.stdout().startsWith("verified: "), v.stdout());
        JsonNode report = JSON.readTree(json.toFile());
        assertEquals("pass", report.path("verdict").asText());
        assertEquals("https://ocisc.dev/schemas/attest-verify/v1", report.path("schema").asText());
        assertFalse(report.path("subject_checked").asBoolean());
        assertTrue(report.path("builder_id").isTextual() && report.path("keyid").isTextual(), report.toString());
        report.fieldNames().forEachRemaining(k -> assertTrue(k.matches("[a-z_]+"), "snake_case: " + k));
        assertTrue(Files.readString(md).startsWith("## ocisc attest verify: pass\n"), Files.readString(md));

        Tools.Result wrong = ocisc(Map.of("OCISC_KEY", pub), "attest", "verify", env.toString(), "--builder-id",
                "https://other.example.org/", "-f", "json", "--exit-code", "0");
        assertEquals(0, wrong.exitCode(), "reported, not failed: " + wrong.stderr());
        JsonNode failed = JSON.readTree(wrong.stdout());
        assertEquals("fail", failed.path("verdict").asText());
        assertTrue(failed.path("failures").get(0).asText().contains("builder id"), failed.toString());
        assertTrue(wrong.stderr().startsWith("ocisc: not verified: "), wrong.stderr());

        Tools.Result noKey = ocisc("attest", "verify", env.toString());
        assertEquals(ExitCode.USAGE, noKey.exitCode());
        assertTrue(noKey.stderr().startsWith("ocisc: Missing required option: '--key"), noKey.stderr());
    }

    @Test
    void layersDiffAndVerifyImageNameTheSameImageAlike() throws Exception {
        String image = TestData.path("oci/debian.oci.tar").toString();
        String other = TestData.path("oci/nix-greeter.tar.gz").toString();
        Path policy = Files.writeString(tmp.resolve("policy.json"), "{\"forbidden_licenses\": []}");
        JsonNode layers = JSON.readTree(ocisc("layers", image, "-f", "json").stdout()).path("images").get(0);
        JsonNode diff = JSON.readTree(ocisc("diff", image, other, "-f", "json").stdout());
        JsonNode gate = JSON.readTree(ocisc("verify", "image", image, "--policy", policy.toString(), "-o", "json")
                .stdout());
        for (JsonNode described : List.of(diff.path("a"), gate)) {
            for (String key : List.of("source", "form", "manifest_digest")) {
                assertEquals(layers.path(key), described.path(key), key + " in " + described);
            }
        }
        assertEquals("oci-archive", layers.path("form").asText());
        assertTrue(layers.path("manifest_digest").asText().startsWith("sha256:"), layers.toString());
        // Nix's archive is a docker-archive: no manifest, so no manifest_digest; its form without "+gzip".
        assertEquals("docker-archive", diff.path("b").path("form").asText(), diff.path("b").toString());
        assertTrue(diff.path("b").path("manifest_digest").isMissingNode(), diff.path("b").toString());
    }
}
