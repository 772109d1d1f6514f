package dev.ocisc.gate;

import dev.ocisc.dsse.KeyFiles;
import dev.ocisc.failure.UsageException;
import dev.ocisc.oci.ImageLocation;
import dev.ocisc.oci.ImageReference;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.progress.Narration;
import dev.ocisc.sbom.SbomReader;
import dev.ocisc.slsa.Policy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What {@code verify image} holds an image against, from what it was given: an SBOM file or, for an image in a
 * registry, the SBOM attached to it; an attestation file and its key or, given the key alone, the attestations
 * attached to the image; a policy; a rebuild. Given nothing to verify, it says so.
 */
public final class GateInputs {
    private static final String GIVE = "give --sbom FILE, --attestation FILE --key PUB.pem and/or --policy FILE";

    private final ImageLocation image;
    private final Path sbom;
    private final Path attestation;
    private final Path key;
    private final Path policy;
    private final String rebuild;
    private final Function<String, ImageLocation> locate;

    private GateInputs(ImageLocation image, Path sbom, Path attestation, Path key, Path policy, String rebuild,
            Function<String, ImageLocation> locate) {
        this.image = image;
        this.sbom = sbom;
        this.attestation = attestation;
        this.key = key;
        this.policy = policy;
        this.rebuild = rebuild;
        this.locate = locate;
    }

    /**
     * The inputs given, checked before anything is read: an attestation needs its key, and a key alone, or nothing
     * at all, is for an image in a registry only (usage errors).
     *
     * @param sbom        --sbom, or null
     * @param attestation --attestation, or null
     * @param key         --key, or null
     * @param policy      --policy, or null
     * @param rebuild     --rebuild, or null
     * @param locate      where an image argument lives, refusing what is no image (the command's own check)
     */
    public static GateInputs checked(String image, Path sbom, Path attestation, Path key, Path policy, String rebuild,
            Function<String, ImageLocation> locate) {
        if (attestation != null && key == null) {
            throw new UsageException("--attestation FILE and --key PUB.pem go together");
        }
        ImageLocation checked = locate.apply(image);
        boolean inRegistry = checked instanceof ImageReference;
        if (attestation == null && key != null && !inRegistry) {
            throw new UsageException("--attestation FILE and --key PUB.pem go together (--key alone: the "
                    + "attestations attached to an image in a registry)");
        }
        if (sbom == null && policy == null && attestation == null && !inRegistry) {
            throw new UsageException("nothing to verify: " + GIVE);
        }
        return new GateInputs(checked, sbom, attestation, key, policy, rebuild, locate);
    }

    /** What the gate reads, or why there is nothing to verify. */
    public sealed interface Resolved permits Ready, Nothing {
    }

    /**
     * The gate's inputs.
     *
     * @param sbom        the SBOM to hold against the image, or null
     * @param attestation the attestations to verify, or null
     * @param rebuild     the second build, or null
     */
    public record Ready(ImageLocation image, ImageGate.DeclaredSbom sbom, Attestation attestation, Policy policy,
            ImageLocation rebuild) implements Resolved {
    }

    /** An image in a registry with no SBOM attached and nothing else to check: a failed gate, not a usage error. */
    public record Nothing(String message) implements Resolved {
    }

    /**
     * Finds the attached SBOM when one is wanted, then reads the policy and key (unreadable ones are exit 3); the
     * SBOM and attestations themselves are read by the gate.
     */
    public Resolved resolve(ReadOptions opts, Narration narration) {
        ImageGate.DeclaredSbom declared = sbom == null ? null : () -> SbomReader.read(sbom);
        if (sbom == null && image instanceof ImageReference ref) {
            List<String> looked = new ArrayList<>();
            declared = narration.stage("find the attached SBOM", () -> AttachedSbom.find(ref, opts, looked))
                    .orElse(null);
            if (declared == null && policy == null && key == null) {
                return new Nothing("nothing to verify: no SBOM is attached to " + image + " ("
                        + String.join("; ", looked) + "); " + GIVE);
            }
        }
        ImageLocation second = rebuild == null ? null : locate.apply(rebuild);
        Policy p = policy == null ? Policy.none() : Policy.read(policy);
        Attestation a = attestation != null ? new Attestation(attestation, KeyFiles.readPublic(key))
                : key != null ? Attestation.attached((ImageReference) image, KeyFiles.readPublic(key)) : null;
        return new Ready(image, declared, a, p, second);
    }
}
