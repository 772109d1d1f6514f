package dev.ocisc.diff;

import dev.ocisc.oci.ImageLocation;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.target.Target;
import java.nio.file.Path;
import java.util.Optional;

/** {@code ocisc diff}: two artifacts, each an image, a tar, a directory, a store path or a file, compared by form. */
public final class ArtifactDiff {
    private ArtifactDiff() {
    }

    /**
     * Two images are compared as images (documents, then layers); an image against a tar or directory by the file
     * system its layers make; anything else as trees.
     */
    public static Drift diff(Path a, Path b, DiffOptions options, ReadOptions readOptions) {
        return diff(a.toString(), b.toString(), options, readOptions);
    }

    /** {@link #diff(Path, Path, DiffOptions, ReadOptions)} of command-line targets: images may be in registries. */
    public static Drift diff(String a, String b, DiffOptions options, ReadOptions readOptions) {
        Optional<ImageLocation> imageA = Target.of(a, null).imageLocation();
        Optional<ImageLocation> imageB = Target.of(b, null).imageLocation();
        ImageDiff images = new ImageDiff(options, readOptions);
        return imageA.isPresent() && imageB.isPresent() ? images.diff(imageA.get(), imageB.get())
                : imageA.isPresent() ? images.diffImageWithTree(imageA.get(), Path.of(b), true)
                : imageB.isPresent() ? images.diffImageWithTree(imageB.get(), Path.of(a), false)
                : new TreeDiff(options).diff(Path.of(a), Path.of(b));
    }
}
