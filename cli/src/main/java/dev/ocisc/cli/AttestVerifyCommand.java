package dev.ocisc.cli;

import dev.ocisc.dsse.AttestationFile;
import dev.ocisc.dsse.KeyFiles;
import dev.ocisc.dsse.SignedAttestation;
import dev.ocisc.failure.ExitCode;
import dev.ocisc.slsa.AttestationVerifier;
import dev.ocisc.slsa.Expectations;
import dev.ocisc.slsa.Policy;
import dev.ocisc.slsa.VerifiedProvenance;
import dev.ocisc.slsa.WantedArtifact;
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
        description = "Verify a DSSE envelope (.intoto.jsonl) or Sigstore bundle of SLSA provenance: signature, "
                + "statement, subject, builder, policy. Exit 0 verified, 1 not verified (with the reason), "
                + "3 unreadable input.")
final class AttestVerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The envelope, .intoto.jsonl or bundle.")
    Path file;

    @Option(names = "--key", paramLabel = "PUB.pem", required = true, description = "The trusted public key.")
    Path key;

    @ArgGroup(exclusive = true)
    Artifact artifact;

    static final class Artifact {
        @Option(names = "--artifact", paramLabel = "PATH",
                description = "A file (sha256), directory (dirHash) or OCI image (manifest digest) that must be a "
                        + "subject.")
        Path path;

        @Option(names = "--digest", paramLabel = "ALG:HEX", description = "A digest that a subject must have, "
                + "e.g. sha256:HEX.")
        String digest;
    }

    @Option(names = "--builder-id", paramLabel = "URI", description = "Require this runDetails.builder.id.")
    String builderId;

    @Option(names = "--build-type", paramLabel = "URI", description = "Require this buildDefinition.buildType.")
    String buildType;

    @Option(names = "--policy", paramLabel = "FILE", description = "JSON policy (docs/policy.md).")
    Path policy;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Read every input before judging anything: unreadable input is exit 3, never "not verified".
        PublicKey pub = KeyFiles.readPublic(key);
        Policy rules = policy == null ? Policy.none() : Policy.read(policy).forAttestationOnly("attest verify");
        List<SortedMap<String, String>> wanted = artifact == null ? null
                : artifact.path != null ? WantedArtifact.at(artifact.path) : WantedArtifact.withDigest(artifact.digest);
        List<SignedAttestation> all = AttestationFile.read(file);

        AttestationVerifier.Outcome o = new AttestationVerifier(pub, new Expectations(wanted, builderId, buildType,
                rules)).verifyFirst(all);
        if (o.verified() == null) {
            o.failures().forEach(f -> err.println("ocisc: not verified: " + ReportText.line(f)));
            return ExitCode.FOUND;
        }
        VerifiedProvenance v = o.verified();
        out.println(ReportText.line("verified: " + o.attestation().where() + ": signed by " + v.keyid() + ", builder "
                + v.builderId() + (v.matchedSubject() == null ? "" : ", subject " + v.matchedSubject())));
        if (wanted == null) {
            // A gate that forgot --artifact would pass any statement the key ever signed: say so.
            err.println("ocisc: warning: no subject was checked (the signature and statement only); "
                    + "give --artifact or --digest to tie the attestation to what is deployed");
        }
        return ExitCode.OK;
    }
}
