package dev.ocisc.cli;

import dev.ocisc.diff.DiffOptions;
import dev.ocisc.diff.ReportFormat;
import dev.ocisc.gate.GateInputs;
import dev.ocisc.gate.GateReport;
import dev.ocisc.gate.GateReportWriter;
import dev.ocisc.gate.ImageGate;
import dev.ocisc.target.Target;
import dev.ocisc.text.ReportText;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "image", mixinStandardHelpOptions = true,
        description = {"The release gate: an image against its SBOM (declared but absent, present but undeclared), "
                + "its signed provenance (signature, subject = the image, builder) and a policy file (forbidden "
                + "licenses, allowed builder ids, reproducibility; docs/verify-image.md).",
                "Exit 0 pass, 1 fail (or --exit-code N), 2 usage, 3 bad input."})
final class VerifyImageCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image to gate: an OCI layout directory, an "
            + "oci-archive, a docker-archive, Nix's .tar.gz or a registry reference.")
    String image;

    @Option(names = "--sbom", paramLabel = "FILE", description = "CycloneDX or SPDX JSON SBOM of the image; for an "
            + "image in a registry, default: the SBOM attached to it (ocisc sbom IMAGE --attach).")
    Path sbom;

    @Option(names = "--attestation", paramLabel = "FILE",
            description = "SLSA provenance of the image: DSSE envelope, .intoto.jsonl or Sigstore bundle; needs --key.")
    Path attestation;

    @Option(names = "--key", paramLabel = "PUB.pem", description = "The public key trusted to sign the attestation; "
            + "alone, for an image in a registry: verify the attestations attached to it. Default: $OCISC_KEY.")
    Path key;

    @Option(names = "--policy", paramLabel = "FILE", description = "Policy JSON (docs/policy.md). Default: "
            + "$OCISC_POLICY.")
    Path policy;

    @Option(names = "--rebuild", paramLabel = "IMAGE",
            description = "An independent second build of the image (local or in a registry); required by "
                    + "require_reproducible.")
    String rebuild;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "text (default), json, markdown or html (one self-contained page).")
    ReportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT[=FILE]|FILE|-", description = ReportOptions.OUTPUT_HELP)
    java.util.List<String> outputs = new java.util.ArrayList<>();

    @Mixin
    ExitOptions exit;

    @Mixin
    ImageOptions imageOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        GateInputs given = GateInputs.checked(image, sbom, attestation, key, policy, rebuild,
                arg -> Wanted.location("verify image", Target.of(arg, null)));
        exit.validate();
        var destinations = Outputs.resolve(ReportFormat.class, ReportOptions.given(format), outputs,
                ReportFormat.TEXT);
        Console console = Main.of(spec).console();
        GateInputs.Resolved resolved = given.resolve(imageOptions.readOptions(), console);
        if (resolved instanceof GateInputs.Nothing nothing) {
            spec.commandLine().getErr().println(ReportText.line("ocisc: " + nothing.message()));
            return exit.of(false);
        }
        GateInputs.Ready in = (GateInputs.Ready) resolved;
        console.verbose("gating " + image + (rebuild == null ? "" : " against its rebuild " + rebuild));
        GateReport r = console.stage("check", () -> new ImageGate(imageOptions.readOptions(), DiffOptions.DEFAULT)
                .checkDeclared(in.image(), in.sbom(), in.attestation(), in.policy(), in.rebuild()));
        ReportOutput.emitAll(destinations, f -> o -> o.write(GateReportWriter.render(f, r)),
                spec.commandLine().getOut(), console);
        return exit.of(r.passed());
    }
}
