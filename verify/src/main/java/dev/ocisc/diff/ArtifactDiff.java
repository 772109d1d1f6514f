package dev.ocisc.diff;

import dev.ocisc.oci.ReadOptions;
import dev.ocisc.target.Target;
import java.nio.file.Path;

/** {@code ocisc diff}: two artifacts, each an image, a tar, a directory, a store path or a file, compared by form. */
public final class ArtifactDiff {
    private ArtifactDiff() {
    }

    /**
     * Two images are compared as images (documents, then layers); an image against a tar or directory by the file
     * system its layers make; anything else as trees.
     */
    public static Drift diff(Path a, Path b, DiffOptions options, ReadOptions readOptions) {
        boolean imageA = Target.of(a.toString(), null).image().isPresent();
        boolean imageB = Target.of(b.toString(), null).image().isPresent();
        ImageDiff images = new ImageDiff(options, readOptions);
        return imageA && imageB ? images.diff(a, b)
                : imageA ? images.diffImageWithTree(a, b, true)
                : imageB ? images.diffImageWithTree(b, a, false)
                : new TreeDiff(options).diff(a, b);
    }
}
