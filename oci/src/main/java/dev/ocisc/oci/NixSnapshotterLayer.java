package dev.ocisc.oci;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.nix.StorePath;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A nix-snapshotter layer: its descriptor names Nix store paths in annotations
 * ({@code containerd.io/snapshot/nix-store-path.N}) that the snapshotter bind-mounts from the host's store, and the
 * layer itself holds only an empty mount point for each (nix-snapshotter's {@code pkg/nix2container}). The paths'
 * contents are not in the image.
 *
 * @param storePaths the annotated store paths, in the order of N, each once
 * @param problems   annotations that were not taken, one line each (a bad key or path, a path named twice)
 */
public record NixSnapshotterLayer(List<String> storePaths, List<String> problems) {
    public static final String LAYER_ANNOTATION = "containerd.io/snapshot/nix-layer";
    public static final String PATH_PREFIX = "containerd.io/snapshot/nix-store-path.";
    /** Most store paths one layer may name: far above real closures (thousands), and bounds what a lie costs. */
    public static final int MAX_PATHS = 100_000;
    /** Problems kept per layer; the rest are counted in the last line. */
    private static final int MAX_PROBLEMS = 20;

    public NixSnapshotterLayer {
        storePaths = List.copyOf(storePaths);
        problems = List.copyOf(problems);
    }

    /**
     * The nix-snapshotter view of a layer, or empty when its descriptor has no store-path annotation.
     * nix-snapshotter mounts every {@code nix-store-path.} annotation whatever the {@code nix-layer} flag says,
     * so the paths are what counts; a missing flag is a problem, not a reason to ignore them.
     *
     * @param image names the image in the error for a layer naming more than {@link #MAX_PATHS} paths
     */
    public static Optional<NixSnapshotterLayer> of(Layer layer, String image) {
        java.util.SortedMap<String, String> ann = layer.annotations();
        String flag = ann.get(LAYER_ANNOTATION);
        Map<String, String> named = ann.subMap(PATH_PREFIX, PATH_PREFIX + Character.MAX_VALUE);
        if (named.isEmpty()) {
            return flag == null ? Optional.empty()
                    : Optional.of(new NixSnapshotterLayer(List.of(), List.of(LAYER_ANNOTATION + " is set but no "
                            + PATH_PREFIX + "N annotation names a store path")));
        }
        if (named.size() > MAX_PATHS) {
            throw new InvalidInputException(image + ": " + layer.label(), named.size() + " " + PATH_PREFIX
                    + "N annotations, above the limit of " + MAX_PATHS);
        }
        List<String> problems = new ArrayList<>();
        int dropped = 0;
        if (!"true".equals(flag)) {
            problems.add(LAYER_ANNOTATION + " is " + (flag == null ? "missing" : "\"" + flag + "\"")
                    + " but the layer names store paths");
        }
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        for (Map.Entry<String, String> e : named.entrySet()) {
            String n = e.getKey().substring(PATH_PREFIX.length());
            String why = null;
            if (!n.matches("0|[1-9][0-9]{0,8}")) {
                why = "annotation " + e.getKey() + ": N is not a decimal index";
            } else if (!StorePath.isStorePath(e.getValue())) {
                why = "annotation " + e.getKey() + ": not a store path: " + e.getValue();
            }
            if (why == null) {
                byIndex.put(Integer.parseInt(n), e.getValue());
            } else if (problems.size() < MAX_PROBLEMS) {
                problems.add(why);
            } else {
                dropped++;
            }
        }
        Set<String> paths = new LinkedHashSet<>();
        for (Map.Entry<Integer, String> e : byIndex.entrySet()) {
            if (!paths.add(e.getValue())) {
                if (problems.size() < MAX_PROBLEMS) {
                    problems.add("annotation " + PATH_PREFIX + e.getKey() + ": " + e.getValue() + " is named twice");
                } else {
                    dropped++;
                }
            }
        }
        if (dropped > 0) {
            problems.add(dropped + " more annotation problems");
        }
        return Optional.of(new NixSnapshotterLayer(List.copyOf(paths), problems));
    }

    /** What {@code layers} and the catalog say about such a layer's contents. */
    public static final String NOT_SHIPPED = "not shipped in the layer (nix-snapshotter mounts them from the host's "
            + "Nix store)";
}
