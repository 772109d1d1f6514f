package dev.ocisc.nix;

import java.util.Optional;

/** Where parsed derivations come from: {@code .drv} files in a store, or a {@code nix derivation show} dump. */
public interface DerivationSource {
    Optional<Derivation> derivation(String drvPath);
}
