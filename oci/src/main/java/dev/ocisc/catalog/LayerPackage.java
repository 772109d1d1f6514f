package dev.ocisc.catalog;

/** A language package found in an image, and the index of the layer whose file says so. */
public record LayerPackage(LanguagePackage pkg, int layer) {
}
