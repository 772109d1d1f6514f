package dev.ocisc.slsa;

import dev.ocisc.oci.ImageReader;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.target.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The digest sets an artifact in hand may be attested under: the digest of its bytes ({@link ArtifactDigest}),
 * and, for an OCI image (layout directory or archive), the digest of its manifest, which is what an image's
 * {@code sha256} subject means. A subject matching any of them matches the artifact.
 */
public final class ArtifactIdentity {
    private ArtifactIdentity() {
    }

    public static List<SortedMap<String, String>> of(Path artifact) {
        List<SortedMap<String, String>> sets = new ArrayList<>();
        SortedMap<String, String> bytes = ArtifactDigest.of(artifact);
        if (!bytes.isEmpty()) {
            sets.add(bytes);
        }
        // The target's classification says where the image is and what it is: opening it judges no more.
        Target.of(artifact.toString(), null).image().flatMap(i -> ImageReader.manifestDigest(i.location(),
                ReadOptions.defaults())).ifPresent(d -> {
                    SortedMap<String, String> manifest = new TreeMap<>();
                    manifest.put(d.algorithm(), d.hex());
                    sets.add(manifest);
                });
        return sets;
    }
}
