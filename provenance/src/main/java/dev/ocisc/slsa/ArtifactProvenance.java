package dev.ocisc.slsa;

import dev.ocisc.oci.Digest;
import dev.ocisc.oci.ImageReader;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.target.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Provenance for artifacts that another build made (a release archive from Maven, say): each file is a subject by
 * its name and sha256 (a directory by its dirHash), and the build is what the caller says it was (build type,
 * parameters): ocisc cannot read it from a store as it does for Nix. An OCI image, on disk or in a registry, is a
 * subject by its manifest digest, as cosign and every registry name an image: the digest {@code attest verify
 * IMAGE} looks for, vouched for only once every layer was read and verified.
 */
public final class ArtifactProvenance {
    private ArtifactProvenance() {
    }

    public static Statement statement(List<String> artifacts, ReadOptions images, ProvenanceOptions options) {
        List<Subject> subjects = new ArrayList<>();
        for (String arg : artifacts) {
            Target t = Target.of(arg, null);
            if (t instanceof Target.Registry r) {
                Digest d = ImageReader.manifestDigest(r.reference(), images).orElseThrow();
                subjects.add(new Subject(r.reference().registry() + "/" + r.reference().repository(), manifest(d)));
                continue;
            }
            Path a = Path.of(arg);
            Path p = WantedArtifact.followed(a);
            String name = String.valueOf(a.getFileName());
            Optional<Target.Image> image = Target.of(p.toString(), null).image();
            if (image.isPresent()) {
                Optional<Digest> d = ImageReader.manifestDigest(image.get().location(), images);
                if (d.isPresent()) {
                    subjects.add(new Subject(name, manifest(d.get())));
                    continue;
                }
            }
            subjects.add(new Subject(name, ArtifactDigest.of(p)));
        }
        Provenance p = new Provenance(options.buildType(), options.parameters(), new TreeMap<>(), List.of(),
                options.builderId(), options.builderVersion(), options.invocationId(), options.startedOn(),
                options.finishedOn());
        return new Statement(subjects, p);
    }

    private static SortedMap<String, String> manifest(Digest d) {
        SortedMap<String, String> digest = new TreeMap<>();
        digest.put(d.algorithm(), d.hex());
        return digest;
    }
}
