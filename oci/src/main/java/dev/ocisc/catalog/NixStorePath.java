package dev.ocisc.catalog;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A store path found in an image.
 *
 * @param narSha256  computed from the image's files (null when it could not be: see the catalog's warnings)
 * @param references other store paths of the image it refers to
 * @param refsFrom   {@code db} when the image's store database gave the references, {@code scan} when they were
 *                   found by scanning for hash parts
 * @param deriver    from the image's store database, or null
 * @param layer      index of the layer that holds it (for a path not shipped: the layer whose annotations name it)
 * @param shipped    false for a path a nix-snapshotter layer names but does not hold (its hash and references
 *                   then come from a Nix store, {@code refsFrom} {@code store}, or are unknown, {@code none})
 */
public record NixStorePath(String path, String narSha256, long narSize, SortedSet<String> references,
        String refsFrom, String deriver, String ca, int layer, boolean shipped) {
    public NixStorePath {
        references = Collections.unmodifiableSortedSet(new TreeSet<>(references));
    }

    /** A path whose files the image holds. */
    public NixStorePath(String path, String narSha256, long narSize, SortedSet<String> references, String refsFrom,
            String deriver, String ca, int layer) {
        this(path, narSha256, narSize, references, refsFrom, deriver, ca, layer, true);
    }
}
