package dev.ocisc.graph;

/** What a store object is. */
public enum NodeKind {
    /** A {@code .drv} file: the recipe. */
    DERIVATION,
    /** A path some derivation produced. */
    OUTPUT,
    /** A path added to the store directly: a copied source, a patch, {@code builtins.toFile}. */
    SOURCE
}
