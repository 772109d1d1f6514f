package dev.ocisc.catalog;

/** An OS package and the index of the layer that introduced it (from which on it is installed unchanged). */
public record FoundPackage(OsPackage pkg, int layer) {
}
