package dev.ocisc.nix;

import java.util.Optional;

/** Where the facts about store paths come from: the store database, {@code nix path-info}, or a JSON dump. */
public interface PathInfoSource {
    /** The recorded facts about {@code path}, or empty when it is not valid there. */
    Optional<PathInfo> get(String path);
}
