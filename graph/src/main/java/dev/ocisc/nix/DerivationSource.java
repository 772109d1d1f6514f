package dev.ocisc.nix;

import java.util.Optional;

/** Where parsed derivations come from: {@code .drv} files in a store, or a {@code nix derivation show} dump. */
public interface DerivationSource {
    Optional<Derivation> derivation(String drvPath);

    /** A hint that these derivations will be asked for soon; sources that read files may read them at once. */
    default void prefetch(java.util.Collection<String> drvPaths) {
    }
}
