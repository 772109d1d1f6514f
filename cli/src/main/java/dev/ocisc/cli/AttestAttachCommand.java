package dev.ocisc.cli;

import dev.ocisc.attest.AttestationAttacher;
import dev.ocisc.failure.ExitCode;
import dev.ocisc.target.Target;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "attach", mixinStandardHelpOptions = true,
        description = {"Push a signed attestation (a DSSE envelope, .intoto.jsonl or Sigstore bundle) to an image's "
                + "registry as an OCI 1.1 referrer of its manifest: the referrers API when the registry has it, "
                + "else the sha256-HEX tag. Attaching the same file again adds nothing.",
                "Exit 0 attached, 2 usage, 3 unreadable file or refused by the registry."})
final class AttestAttachCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image: REGISTRY/REPO:TAG or @sha256:HEX.")
    String image;

    @Parameters(index = "1", paramLabel = "FILE", description = "The envelope, .intoto.jsonl or bundle.")
    Path file;

    @Option(names = "--cosign-tag", description = "Also add the DSSE envelope to cosign's sha256-HEX.att image, "
            + "where cosign verify-attestation looks.")
    boolean cosignTag;

    @Mixin
    ImageOptions imageOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Target.Registry target = AttestSources.registry("attest attach", image);
        Console console = Main.of(spec).console();
        AttestationAttacher.read(file).push(target.reference(), imageOptions.readOptions(),
                SourceDateEpoch.fromEnvironment(), cosignTag, pushed -> {
                    console.info(Attached.line(target.reference(), pushed.attached(), pushed.artifactType()));
                    if (!pushed.namesImage()) {
                        // Unverified (no key here), but worth saying now rather than at deploy time.
                        console.warn(pushed.attestation().where() + " has no subject with this image's manifest "
                                + "digest " + pushed.attached().subject().digest() + ": attest verify " + image
                                + " will not pass with it");
                    }
                });
        return ExitCode.OK;
    }
}
