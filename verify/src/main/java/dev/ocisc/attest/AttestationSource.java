package dev.ocisc.attest;

import dev.ocisc.dsse.AttachedAttestations;
import dev.ocisc.dsse.AttestationFile;
import dev.ocisc.dsse.SignedAttestation;
import dev.ocisc.failure.UsageException;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.progress.Narration;
import dev.ocisc.slsa.WantedArtifact;
import dev.ocisc.target.Target;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The attestations {@code attest verify} judges and the subjects one of them must name: those of a file (with the
 * subject given by {@code --artifact} or {@code --digest}, if any), or those attached to an image in a registry
 * (with the image's manifest digest as the subject). An existing path is always read as a file.
 *
 * @param attestations what is verified, every one read (a document whose bytes are not its digest is exit 3)
 * @param wanted       the subjects one must name, or null when none was asked for
 * @param unfound      for an image with nothing attached, what was looked at; else empty
 */
public record AttestationSource(List<SignedAttestation> attestations, List<SortedMap<String, String>> wanted,
        Optional<String> unfound) {
    public AttestationSource {
        attestations = List.copyOf(attestations);
        wanted = wanted == null ? null : List.copyOf(wanted);
    }

    /**
     * Reads what {@code source} names.
     *
     * @param artifact the --artifact given (a path or image), or null
     * @param digest   the --digest given, or null
     * @param key      the trusted key, named in what is said
     */
    public static AttestationSource of(String source, String artifact, String digest, ReadOptions opts, Path key,
            Narration narration) {
        Path file = Path.of(source);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && Target.of(source, null) instanceof Target.Registry r) {
            if (artifact != null || digest != null) {
                throw new UsageException("--artifact and --digest are for a file; an image's attestations must name "
                        + "the image itself");
            }
            narration.verbose("finding the attestations attached to " + source);
            AttachedAttestations found = AttachedAttestations.find(r.reference(), opts, source + ": ");
            Optional<String> unfound = !found.attestations().isEmpty() ? Optional.empty()
                    : Optional.of("no attestation of " + r.reference().registry() + "/" + r.reference().repository()
                            + "@" + found.image() + " found (" + String.join("; ", found.looked()) + ")");
            return new AttestationSource(found.attestations(), List.of(found.subject()), unfound);
        }
        List<SortedMap<String, String>> wanted = artifact != null ? WantedArtifact.at(artifact, opts)
                : digest != null ? WantedArtifact.withDigest(digest) : null;
        narration.verbose("reading " + file + " with the key " + key);
        return new AttestationSource(AttestationFile.read(file), wanted, Optional.empty());
    }
}
