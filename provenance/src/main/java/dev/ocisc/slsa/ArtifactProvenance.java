package dev.ocisc.slsa;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Provenance for artifacts that another build made (a release archive from Maven, say): each file is a subject by
 * its name and sha256 (a directory by its dirHash), and the build is what the caller says it was (build type,
 * parameters): ocisc cannot read it from a store as it does for Nix.
 */
public final class ArtifactProvenance {
    private ArtifactProvenance() {
    }

    public static Statement statement(List<Path> artifacts, ProvenanceOptions options) {
        List<Subject> subjects = new ArrayList<>();
        for (Path a : artifacts) {
            Path p = WantedArtifact.followed(a);
            subjects.add(new Subject(String.valueOf(a.getFileName()), ArtifactDigest.of(p)));
        }
        Provenance p = new Provenance(options.buildType(), options.parameters(), new TreeMap<>(), List.of(),
                options.builderId(), options.builderVersion(), options.invocationId(), options.startedOn(),
                options.finishedOn());
        return new Statement(subjects, p);
    }
}
