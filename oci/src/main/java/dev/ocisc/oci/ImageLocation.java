package dev.ocisc.oci;

import java.nio.file.Path;

/** Where an image lives: a layout or archive on this machine, or a registry. */
public sealed interface ImageLocation permits ImageLocation.Local, ImageReference {
    /**
     * A layout directory or an archive (compressed as a whole or not), told apart by content.
     *
     * @param refName     the image of a layout whose {@code org.opencontainers.image.ref.name} this is (skopeo's
     *                    {@code oci:DIR:TAG}), or null for the one image (or the platform's) of its index
     * @param form        what its bytes were found to be (a target's classification), or null when not yet judged:
     *                    then opening it judges them
     * @param compression how the archive is compressed as a whole, as judged with {@code form}, or null
     */
    record Local(Path path, String refName, ImageForm form, Compression compression) implements ImageLocation {
        public Local {
            if ((form == null) != (compression == null)) {
                throw new IllegalArgumentException("form and compression are judged together");
            }
        }

        public Local(Path path, String refName) {
            this(path, refName, null, null);
        }

        public Local(Path path) {
            this(path, null);
        }

        @Override
        public String toString() {
            return refName == null ? path.toString() : path + ":" + refName;
        }
    }
}
