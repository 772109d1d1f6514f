package dev.ocisc.oci.report;

import dev.ocisc.oci.Layer;
import dev.ocisc.oci.LayerRead;
import dev.ocisc.oci.LayerSummary;
import dev.ocisc.oci.ScannedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The layers of one or more images and which of them the images share: layers are the same content when their
 * DiffIDs are, though their compression may still differ between images.
 *
 * @param images   the images as read, in the order given
 * @param byDiffId each DiffID's layers, in image order, sorted by DiffID
 */
public record LayerSharing(List<ScannedImage<LayerSummary>> images, SortedMap<String, List<Use>> byDiffId) {
    /** One layer of one image: {@code image} is its index in {@link #images()}. */
    public record Use(int image, LayerRead<LayerSummary> read, Layer layer) {
    }

    public LayerSharing {
        images = List.copyOf(images);
        byDiffId = Collections.unmodifiableSortedMap(new TreeMap<>(byDiffId));
    }

    public static LayerSharing of(List<ScannedImage<LayerSummary>> images) {
        SortedMap<String, List<Use>> byDiffId = new TreeMap<>();
        for (int i = 0; i < images.size(); i++) {
            ScannedImage<LayerSummary> s = images.get(i);
            for (int j = 0; j < s.layers().size(); j++) {
                byDiffId.computeIfAbsent(s.layers().get(j).diffId().toString(), k -> new ArrayList<>())
                        .add(new Use(i, s.layers().get(j), s.image().layers().get(j)));
            }
        }
        byDiffId.replaceAll((k, v) -> List.copyOf(v));
        return new LayerSharing(images, byDiffId);
    }

    /** The bytes sharing these layers saves: every copy but one of the smallest blob. */
    public static long saved(List<Use> uses) {
        long min = uses.stream().mapToLong(r -> r.read().blobSize()).min().orElse(0);
        return uses.size() <= 1 ? 0 : min * (uses.size() - 1);
    }
}
