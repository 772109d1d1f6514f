package dev.ocisc.cli;

import dev.ocisc.dsse.AttestationFile;
import dev.ocisc.dsse.SignedAttestation;
import dev.ocisc.dsse.VerificationException;
import dev.ocisc.failure.ExitCode;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.failure.UsageException;
import dev.ocisc.slsa.ArtifactIdentity;
import dev.ocisc.slsa.AttestationVerifier;
import dev.ocisc.slsa.Expectations;
import dev.ocisc.slsa.Policy;
import dev.ocisc.slsa.VerifiedProvenance;
import dev.ocisc.text.ReportText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
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
        List<SortedMap<String, String>> wanted = artifactDigests();
        List<SignedAttestation> all = AttestationFile.read(file);

        AttestationVerifier verifier = new AttestationVerifier(pub, new Expectations(wanted, builderId, buildType,
                rules));
        List<String> failures = new ArrayList<>();
        for (SignedAttestation a : all) {
            try {
                VerifiedProvenance v = verifier.verify(a);
                out.println(ReportText.line("verified: " + a.where() + ": signed by " + v.keyid() + ", builder "
                        + v.builderId() + (v.matchedSubject() == null ? "" : ", subject " + v.matchedSubject())));
                if (wanted == null) {
                    // A gate that forgot --artifact would pass any statement the key ever signed: say so.
                    err.println("ocisc: warning: no subject was checked (the signature and statement only); "
                            + "give --artifact or --digest to tie the attestation to what is deployed");
                }
                return ExitCode.OK;
            } catch (VerificationException e) {
                failures.add(a.where() + ": " + e.getMessage());
            }
        }
        for (String f : failures) {
            err.println("ocisc: not verified: " + ReportText.line(f));
        }
        return ExitCode.FOUND;
    }

    private List<SortedMap<String, String>> artifactDigests() {
        if (artifact == null) {
            return null;
        }
        if (artifact.path != null) {
            Path p = artifact.path;
            if (java.nio.file.Files.isSymbolicLink(p)) {
                // A link named on the command line (Nix's ./result) stands for what it points to, as for sha256sum.
                try {
                    p = p.toRealPath();
                } catch (java.io.IOException e) {
                    throw new InvalidInputException(artifact.path, "a symlink to nothing readable: " + e.getMessage());
                }
            }
            List<SortedMap<String, String>> sets = ArtifactIdentity.of(p);
            if (sets.isEmpty()) {
                throw new InvalidInputException(artifact.path, "not a regular file or directory");
            }
            return sets;
        }
        String s = artifact.digest;
        int colon = s.indexOf(':');
        String hex = colon < 0 ? "" : s.substring(colon + 1).toLowerCase(Locale.ROOT);
        if (colon <= 0 || hex.isEmpty() || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new UsageException("--digest takes ALG:HEX (e.g. sha256:4e1f...), got '" + s + "'");
        }
        // Algorithm names are as the in-toto digest set spells them (dirHash, nixNarSha256): not case-folded.
        String alg = s.substring(0, colon);
        // A digest that can never match is a typo, not a verdict: an algorithm subjects are not matched by, or a
        // value of the wrong length.
        java.util.OptionalInt length = AttestationVerifier.hexLength(alg);
        if (length.isEmpty()) {
            throw new UsageException("--digest " + alg + " never matches a subject; use one of "
                    + String.join(", ", AttestationVerifier.algorithms()));
        }
        if (hex.length() != length.getAsInt()) {
            throw new UsageException("--digest " + alg + " takes " + length.getAsInt() + " hex digits, got "
                    + hex.length());
        }
        SortedMap<String, String> d = new TreeMap<>();
        d.put(alg, hex);
        return List.of(d);
    }
}
