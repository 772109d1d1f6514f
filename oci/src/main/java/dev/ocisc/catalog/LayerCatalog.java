package dev.ocisc.catalog;

import dev.ocisc.oci.LayerListing;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a catalog needs from one layer, gathered in the single read of it.
 *
 * @param storePaths what the layer held of each store path, keyed by {@code /nix/store/<base>}
 * @param captured   contents of package databases and os-release, keyed by path in the layer
 * @param storeDb    the layer's {@code nix/var/nix/db/db.sqlite}, copied to a private temporary file (SQLite
 *                   needs a file), or null
 * @param languagePackages the language packages found in the layer's files (some may be deleted by later layers)
 * @param languageWarnings files that claimed to hold packages but could not be read as they claim
 */
public record LayerCatalog(LayerListing listing, Map<String, StorePathScan> storePaths, Map<String, byte[]> captured,
        Path storeDb, List<LanguagePackage> languagePackages, List<String> languageWarnings) {
    public LayerCatalog {
        languagePackages = List.copyOf(languagePackages);
        languageWarnings = List.copyOf(languageWarnings);
        storePaths = Map.copyOf(storePaths);
        captured = Map.copyOf(captured);
    }
}
