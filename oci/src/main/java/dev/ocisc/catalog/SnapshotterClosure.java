package dev.ocisc.catalog;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.nix.PathInfo;
import dev.ocisc.nix.PathInfoSource;
import dev.ocisc.oci.EntryType;
import dev.ocisc.oci.Filesystem;
import dev.ocisc.oci.Image;
import dev.ocisc.oci.Layer;
import dev.ocisc.oci.NixSnapshotterLayer;
import dev.ocisc.text.Noun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The store paths nix-snapshotter layers name in their annotations: listed, never hashed from the empty mount
 * points the layers hold, and completed from a Nix store when one holding them is given.
 */
final class SnapshotterClosure {
    private static final Noun ENTRY = new Noun("entry", "entries");
    private static final Noun BYTE = Noun.of("byte");

    private SnapshotterClosure() {
    }

    /** Each annotated store path and the first layer that names it, in layer then annotation order. */
    static Map<String, Integer> annotated(Image image, List<String> warnings) {
        Map<String, Integer> out = new LinkedHashMap<>();
        long total = 0;
        for (Layer l : image.layers()) {
            var snap = NixSnapshotterLayer.of(l, image.source());
            if (snap.isEmpty()) {
                continue;
            }
            String where = image.source() + ": " + l.label() + ": ";
            snap.get().problems().forEach(p -> warnings.add(where + p));
            total += snap.get().storePaths().size();
            if (total > NixSnapshotterLayer.MAX_PATHS) {
                throw new InvalidInputException(image.source(), "nix-snapshotter layers name more than "
                        + NixSnapshotterLayer.MAX_PATHS + " store paths together (limit)");
            }
            for (String p : snap.get().storePaths()) {
                out.putIfAbsent(p, l.index());
            }
        }
        return out;
    }

    /**
     * The mount points among the image's top-level store entries: annotated paths whose entry comes from the layer
     * that names them. Their files are not the path's, so they are not hashed as store paths. A mount point with
     * contents is a warning: the bind mount hides them, and they are not what the annotation names.
     */
    static Set<String> mountPoints(Map<String, Integer> annotated, Filesystem fs, String image,
            List<String> warnings) {
        Set<String> out = new TreeSet<>();
        for (Map.Entry<String, Integer> a : annotated.entrySet()) {
            String rel = a.getKey().substring(1);
            var entry = fs.get(rel).filter(e -> e.layer() == a.getValue());
            if (entry.isEmpty()) {
                continue;
            }
            out.add(a.getKey());
            int inside = fs.under(rel).size();
            if (inside > 0 || (entry.get().type() == EntryType.FILE && entry.get().size() > 0)) {
                warnings.add(image + ": content in the nix-snapshotter mount point " + a.getKey()
                        + " (" + (inside > 0 ? ENTRY.count(inside) : BYTE.count(entry.get().size())) + "), which "
                        + "nix-snapshotter's bind mount hides; not listed");
            }
        }
        return out;
    }

    /**
     * The annotated paths the image does not ship, with what {@code store} (null: none) records of them. A
     * reference outside the image's paths is a warning, as for shipped paths.
     *
     * @param shipped the store paths the image holds
     */
    static List<NixStorePath> paths(Map<String, Integer> annotated, Set<String> shipped, PathInfoSource store,
            String storeName, List<String> warnings) {
        List<String> wanted = annotated.keySet().stream().filter(p -> !shipped.contains(p)).sorted().toList();
        if (wanted.isEmpty()) {
            return List.of();
        }
        Map<String, PathInfo> infos = store == null ? Map.of() : store.getAll(wanted);
        Set<String> all = new TreeSet<>(shipped);
        all.addAll(wanted);
        List<NixStorePath> out = new ArrayList<>();
        int missing = 0;
        for (String p : wanted) {
            PathInfo info = infos.get(p);
            if (info == null) {
                missing++;
                out.add(new NixStorePath(p, null, -1, new TreeSet<>(), "none", null, null, annotated.get(p), false));
                continue;
            }
            SortedSet<String> refs = new TreeSet<>();
            for (String r : info.references()) {
                if (all.contains(r)) {
                    refs.add(r);
                } else {
                    warnings.add(p + " refers to " + r + ", which the image neither ships nor names");
                }
            }
            out.add(new NixStorePath(p, info.narSha256(), info.narSize(), refs, "store", info.deriver(), info.ca(),
                    annotated.get(p), false));
        }
        if (missing > 0) {
            warnings.add(missing + " of " + wanted.size() + " store paths named by nix-snapshotter annotations are "
                    + "not shipped in the image" + (store == null ? "" : " nor held by " + storeName)
                    + ": no NAR hash or references for them" + (store == null ? " (--store ROOT gives them)" : ""));
        }
        return out;
    }
}
