package dev.ocisc.oci;

import java.nio.file.Path;

/** Where an image lives: a layout or archive on this machine, or a registry. */
public sealed interface ImageLocation permits ImageLocation.Local, ImageReference {
    /** A layout directory or an archive (compressed as a whole or not), told apart by content. */
    record Local(Path path) implements ImageLocation {
        @Override
        public String toString() {
            return path.toString();
        }
    }
}
