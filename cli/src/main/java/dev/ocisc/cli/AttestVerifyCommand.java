package dev.ocisc.cli;

import dev.ocisc.dsse.KeyFiles;
import dev.ocisc.dsse.SignedAttestation;
import dev.ocisc.failure.ExitCode;
import dev.ocisc.slsa.AttestationVerifier;
import dev.ocisc.slsa.Expectations;
import dev.ocisc.slsa.Policy;
import dev.ocisc.attest.AttestReport;
import dev.ocisc.attest.AttestationSource;
import dev.ocisc.attest.AttestReportWriter;
import dev.ocisc.text.ReportText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify a DSSE envelope (.intoto.jsonl) or Sigstore bundle of SLSA provenance: signature, "
                + "statement, subject, builder, policy. Exit 0 verified, 1 not verified (with the reason; or "
                + "--exit-code N), 2 usage, 3 unreadable input.",
                "Given an image in a registry instead of a file, verifies the attestations attached to it (the "
                + "referrers API, else the sha256-HEX tag, then cosign's sha256-HEX.att): one must pass, with the "
                + "image's manifest digest as its subject."})
final class AttestVerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE|IMAGE", description = "The envelope, .intoto.jsonl or bundle; or an "
            + "image in a registry (REGISTRY/REPO:TAG or @sha256:HEX) whose attached attestations are verified.")
    String source;

    @picocli.CommandLine.Mixin
    ImageOptions imageOptions;

    @Option(names = "--key", paramLabel = "PUB.pem", required = true,
            description = "The trusted public key. Default: $OCISC_KEY.")
    Path key;

    @ArgGroup(exclusive = true)
    Artifact artifact;

    static final class Artifact {
        @Option(names = "--artifact", paramLabel = "PATH|IMAGE_REF",
                description = "A file (sha256), directory (dirHash) or OCI image, on disk or in a registry "
                        + "(manifest digest), that must be a subject.")
        String path;

        @Option(names = "--digest", paramLabel = "ALG:HEX", description = "A digest that a subject must have, "
                + "e.g. sha256:HEX.")
        String digest;
    }

    @Option(names = "--builder-id", paramLabel = "URI", description = "Require this runDetails.builder.id.")
    String builderId;

    @Option(names = "--build-type", paramLabel = "URI", description = "Require this buildDefinition.buildType.")
    String buildType;

    @Option(names = "--policy", paramLabel = "FILE", description = "JSON policy (docs/policy.md). Default: "
            + "$OCISC_POLICY.")
    Path policy;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "text (default), json, markdown or html (one self-contained page).")
    dev.ocisc.diff.ReportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT[=FILE]|FILE|-", description = ReportOptions.OUTPUT_HELP)
    List<String> outputs = new java.util.ArrayList<>();

    @picocli.CommandLine.Mixin
    ExitOptions exit;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        exit.validate();
        var destinations = Outputs.resolve(dev.ocisc.diff.ReportFormat.class, ReportOptions.given(format), outputs,
                dev.ocisc.diff.ReportFormat.TEXT);
        Console console = Main.of(spec).console();
        // Read every input before judging anything: unreadable input is exit 3, never "not verified".
        PublicKey pub = KeyFiles.readPublic(key);
        Policy rules = policy == null ? Policy.none() : Policy.read(policy).forAttestationOnly("attest verify");
        AttestationSource read = AttestationSource.of(source, artifact == null ? null : artifact.path,
                artifact == null ? null : artifact.digest, imageOptions.readOptions(), key, console);
        read.unfound().ifPresent(u -> err.println(ReportText.line("ocisc: not verified: " + u)));
        List<SignedAttestation> all = read.attestations();
        List<SortedMap<String, String>> wanted = read.wanted();
        AttestationVerifier.Outcome o = console.stage("verify " + dev.ocisc.text.Noun.of("attestation").count(all.size()),
                () -> new AttestationVerifier(pub, new Expectations(wanted, builderId, buildType, rules))
                        .verifyFirst(all));
        AttestReport report = AttestReport.of(source, wanted != null, o);
        ReportOutput.emitAll(destinations, f -> out -> AttestReportWriter.forFormat(f).write(report, out),
                spec.commandLine().getOut(), console);
        if (!report.passed()) {
            // Each failure is an error line, --quiet or not; the report holds them too.
            o.failures().forEach(f -> err.println("ocisc: not verified: " + ReportText.line(f)));
            return exit.of(false);
        }
        if (wanted == null) {
            // A gate that forgot --artifact would pass any statement the key ever signed: say so.
            console.warn("no subject was checked (the signature and statement only); "
                    + "give --artifact or --digest to tie the attestation to what is deployed");
        }
        return ExitCode.OK;
    }
}
