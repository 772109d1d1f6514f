package dev.ocisc.target;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.Compression;
import dev.ocisc.oci.ImageForm;
import dev.ocisc.oci.ImageLocation;
import dev.ocisc.oci.ImageReference;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What a command-line target is, decided in one place for every command: by its name first (a Nix store path),
 * then by its bytes, never by its file name's ending. Commands take the kinds they can read and refuse the rest
 * with {@link #refusal}.
 */
public sealed interface Target {
    /** The argument as given. */
    String arg();

    /** What it is, as a sentence continues "x is ...": "an OCI image (oci-archive)". */
    String describe();

    /** The image this target is, or, for a store path, the image its bytes are. */
    default Optional<Image> image() {
        return Optional.empty();
    }

    /** Where the image this target is lives: on this machine ({@link #image}) or in a registry. */
    default Optional<ImageLocation> imageLocation() {
        return image().map(Image::location);
    }

    /**
     * Classifies {@code arg}. Under {@code /nix/store}, under {@code storeRoot}, or a link into either, it is a
     * {@link Nix} target whatever its bytes (a tar inside a store path is that store path). Anything else that
     * exists on this machine is read by its bytes: an OCI image, JSON, a plain tar, a directory or a file, in that
     * order. What does not exist may name an image by skopeo's transports ({@code docker://REF},
     * {@code oci:DIR}, {@code oci-archive:FILE}, {@code docker-archive:FILE}) or be a registry reference
     * {@code REGISTRY/REPO[:TAG][@DIGEST]} whose first component is a host (it has a dot or a port, or is
     * {@code localhost}), as Docker's reference grammar decides. So an existing path always wins, as syft decides;
     * {@code ./NAME} reads a local file whose name looks like a reference. A {@code storeRoot} that holds no store
     * is refused first, whatever the target.
     *
     * @param storeRoot the root of a relocated store ({@code --store}), or null for the system store
     */
    static Target of(String arg, Path storeRoot) {
        return Classifier.classify(arg, storeRoot);
    }

    /** The one-line refusal of this target by {@code command}, which takes {@code takes}. */
    default InvalidInputException refusal(String command, String takes) {
        return InvalidInputException.worded(arg(), command + ": " + arg() + " is " + describe() + "; " + command
                + " takes " + takes);
    }

    /**
     * A store path, a link to one (a result link), a file inside one, or a {@code .drv}.
     *
     * @param bytes what is at that place on this machine, classified as if it were not in a store
     */
    record Nix(String arg, String storePath, boolean link, Target bytes) implements Target {
        @Override
        public String describe() {
            return (link ? "a link to " : "") + (storePath.endsWith(".drv") ? "derivation " : "store path ")
                    + storePath + " (" + (bytes instanceof Missing ? "absent" : bytes.describe()) + ")";
        }

        @Override
        public Optional<Image> image() {
            return bytes.image();
        }

        @Override
        public Optional<ImageLocation> imageLocation() {
            return bytes.imageLocation();
        }
    }

    /**
     * An OCI image: a layout directory, or an archive (oci-archive, docker-archive), compressed as a whole or not.
     *
     * @param refName the image of a layout's index by its ref.name ({@code oci:DIR:TAG}), or null
     */
    record Image(String arg, Path path, ImageForm form, Compression compression, String refName) implements Target {
        public Image(String arg, Path path, ImageForm form, Compression compression) {
            this(arg, path, form, compression, null);
        }

        /** Where this image lives, with what its bytes were found to be, so that opening it judges them no more. */
        public ImageLocation.Local location() {
            return new ImageLocation.Local(path, refName, form, compression);
        }

        @Override
        public String describe() {
            return "an OCI image (" + form.cliName() + (compression == Compression.NONE ? "" : ", "
                    + compression.name().toLowerCase(Locale.ROOT)) + ")" + (refName == null ? ""
                    : " named " + refName);
        }

        @Override
        public Optional<Image> image() {
            return Optional.of(this);
        }
    }

    /** An image in a registry ({@code REGISTRY/REPO:TAG}, {@code @sha256:...}, or after {@code docker://}). */
    record Registry(String arg, ImageReference reference) implements Target {
        @Override
        public String describe() {
            return "an OCI image in a registry (" + reference + ")";
        }

        @Override
        public Optional<ImageLocation> imageLocation() {
            return Optional.of(reference);
        }
    }

    /** A JSON document (a graph when it is the output of nix derivation show or nix path-info). */
    record Json(String arg, Path path) implements Target {
        @Override
        public String describe() {
            return "a JSON file";
        }
    }

    /** A tar archive whose first entry is no image's. */
    record Tar(String arg, Path path, Compression compression) implements Target {
        @Override
        public String describe() {
            return "a " + (compression == Compression.NONE ? "" : compression.name().toLowerCase(Locale.ROOT)
                    + "-compressed ") + "tar archive, not an OCI image";
        }
    }

    record Directory(String arg, Path path) implements Target {
        @Override
        public String describe() {
            return "a directory, not an OCI image layout" + outsideAStore(path);
        }
    }

    /** A file that is none of the above, or something that is neither a file nor a directory (a pipe, say). */
    record OtherFile(String arg, Path path) implements Target {
        @Override
        public String describe() {
            return "neither an OCI image, a tar archive nor JSON" + outsideAStore(path);
        }
    }

    /**
     * What to add when a file is named like a store path but lies outside the store ocisc was told about: most
     * likely a relocated store given without {@code --store}.
     */
    private static String outsideAStore(Path path) {
        Path name = path.getFileName();
        if (name != null && dev.ocisc.nix.StorePath.isStorePath("/nix/store/" + name)) {
            return ", named like a store path but outside a Nix store (for a relocated store, give --store ROOT)";
        }
        // A derivation is read with its inputs, which only a store holds: a lone copy cannot be one.
        return name != null && name.toString().endsWith(".drv")
                ? ", a .drv outside a Nix store (derivations are read in their store: /nix/store/HASH-NAME.drv, or "
                        + "under --store ROOT)" : "";
    }

    /** Nothing there (or a link to nothing). */
    record Missing(String arg) implements Target {
        @Override
        public String describe() {
            return "no such file or store path" + (looksLikeBareImage(arg) ? "; as an image reference it names no "
                    + "registry: give REGISTRY/REPOSITORY[:TAG][@sha256:HEX] (ocisc has no default registry)" : "");
        }

        /** {@code debian:12}, {@code library/debian@sha256:...}: a reference but for its registry. */
        static boolean looksLikeBareImage(String arg) {
            return (arg.contains(":") || arg.contains("@")) && dev.ocisc.oci.ImageReference.parse(arg).isEmpty()
                    && dev.ocisc.oci.ImageReference.parse("localhost/" + arg).isPresent();
        }

        @Override
        public InvalidInputException refusal(String command, String takes) {
            return new InvalidInputException(arg, describe());
        }
    }
}
