package dev.ocisc.oci;

import java.util.List;

/**
 * What one layer changes: the entries it writes (whiteout markers removed) and what it deletes below it.
 *
 * @param whiteouts paths that {@code .wh.NAME} entries delete from lower layers
 * @param opaque    directories whose lower contents {@code .wh..wh..opq} hides
 */
public record LayerListing(List<FileEntry> entries, List<String> whiteouts, List<String> opaque) {
    public LayerListing {
        entries = List.copyOf(entries);
        whiteouts = List.copyOf(whiteouts);
        opaque = List.copyOf(opaque);
    }
}
