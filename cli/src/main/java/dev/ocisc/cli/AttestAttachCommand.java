package dev.ocisc.cli;

import dev.ocisc.dsse.AttestationFile;
import dev.ocisc.dsse.EnvelopeJson;
import dev.ocisc.dsse.SignedAttestation;
import dev.ocisc.failure.ExitCode;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.Attachment;
import dev.ocisc.oci.Referrers;
import dev.ocisc.target.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
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
        // Read whole and checked first: a file that is no attestation is never pushed.
        List<SignedAttestation> all = AttestationFile.read(file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read: " + e.getMessage());
        }
        String where = file.toString();
        boolean bundle = AttestationFile.isBundle(bytes, where);
        // A file of one document is pushed as it is; each envelope of an .intoto.jsonl file is a referrer of its own.
        List<byte[]> documents = new ArrayList<>();
        if (all.size() == 1) {
            documents.add(bytes);
        } else {
            all.forEach(a -> documents.add(EnvelopeJson.write(a.envelope())));
        }
        SortedMap<String, String> annotations = new TreeMap<>();
        Instant created = SourceDateEpoch.fromEnvironment();
        if (created != null) {
            annotations.put(Attachment.CREATED, java.time.format.DateTimeFormatter.ISO_INSTANT.format(created));
        }
        String type = bundle ? Attachment.SIGSTORE_BUNDLE : Attachment.DSSE;
        for (int i = 0; i < documents.size(); i++) {
            byte[] envelope = !cosignTag ? null : bundle ? EnvelopeJson.write(all.get(0).envelope()) : documents.get(i);
            Referrers.Attached a = Referrers.attach(target.reference(), imageOptions.readOptions(),
                    new Attachment(type, documents.get(i), annotations), envelope);
            Console console = Main.of(spec).console();
            console.info(Attached.line(target.reference(), a, type));
            if (!all.get(Math.min(i, all.size() - 1)).claimsSubject(a.subject().digest().algorithm(),
                    a.subject().digest().hex())) {
                // Unverified (no key here), but worth saying now rather than at deploy time.
                console.warn(all.get(Math.min(i, all.size() - 1)).where() + " has no subject with this image's "
                        + "manifest digest " + a.subject().digest() + ": attest verify " + image
                        + " will not pass with it");
            }
        }
        return ExitCode.OK;
    }
}
