package dev.ocisc.oci;

import java.util.List;

/** An image and the verified read of each of its layers, bottom first. */
public record ScannedImage<T>(Image image, List<LayerRead<T>> layers) {
    public ScannedImage {
        layers = List.copyOf(layers);
    }
}
