package dev.ocisc.oci;

/**
 * The layer spec's whiteouts, told by an entry's file name: {@code .wh.NAME} deletes NAME (and what is below it)
 * from the layers below, {@code .wh..wh..opq} hides every lower child of its directory. Every reader that applies
 * layers (sbom's {@link Filesystem}, diff's flattening) tells them here.
 */
public final class Whiteout {
    private static final String PREFIX = ".wh.";
    private static final String OPAQUE = PREFIX + PREFIX + ".opq";

    private Whiteout() {
    }

    /** Whether an entry named so is a whiteout of either kind (the opaque marker too), never a file of the image. */
    public static boolean is(String fileName) {
        return fileName.startsWith(PREFIX);
    }

    /** Whether an entry named so is the opaque marker of its directory. */
    public static boolean isOpaque(String fileName) {
        return fileName.equals(OPAQUE);
    }

    /** NAME, which {@code .wh.NAME} deletes; for a whiteout that is not the opaque marker. */
    public static String deleted(String fileName) {
        if (!is(fileName) || isOpaque(fileName)) {
            throw new IllegalArgumentException("not a whiteout of one name: " + fileName);
        }
        return fileName.substring(PREFIX.length());
    }
}
