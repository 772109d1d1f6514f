package dev.ocisc.catalog;

import java.util.Set;

/**
 * What one layer held of one store path.
 *
 * @param narSha256  hex SHA-256 of the NAR serialisation computed from the layer's entries, or null
 * @param problem    why there is no NAR hash (entries not in NAR order, hard links, devices), or null
 * @param candidates 32-character runs of nix-base32 in its contents, names and link targets
 */
public record StorePathScan(String path, String narSha256, long narSize, String problem, Set<String> candidates,
        boolean scanOverflow) {
    public StorePathScan {
        candidates = Set.copyOf(candidates);
    }
}
