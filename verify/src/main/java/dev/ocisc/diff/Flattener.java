package dev.ocisc.diff;

import dev.ocisc.oci.CompressionHeader;
import dev.ocisc.oci.EntryType;
import dev.ocisc.oci.RootPaths;
import dev.ocisc.oci.Whiteout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The file system an image's layers make, applied bottom-up as a container runtime does: {@code .wh.NAME}
 * deletes NAME (and what is below it) from lower layers, {@code .wh..wh..opq} hides every lower child of its
 * directory, and an entry replaces the lower one at its path. Comparing these, not the concatenated layers, is
 * what makes images with different layer counts comparable.
 */
final class Flattener {
    private Flattener() {
    }

    /**
     * The flattened file system, and for each of its paths the index of the layer its entry came from: a changed
     * file's bytes are read again from exactly that layer to show the content difference.
     *
     * @param writtenAs for entries a layer wrote through a symlinked parent, the name it wrote (by where it landed)
     */
    record Flattened(Tree tree, Map<String, Integer> layerOf, Map<String, String> writtenAs) {
        Flattened {
            layerOf = java.util.Collections.unmodifiableMap(new TreeMap<>(layerOf));
            writtenAs = java.util.Collections.unmodifiableMap(new TreeMap<>(writtenAs));
        }
    }

    static Flattened flatten(String source, List<Tree> layers) {
        TreeMap<String, Entry> fs = new TreeMap<>();
        // Where each surviving entry came from; entries removed from fs are left here and dropped at the end.
        TreeMap<String, Integer> from = new TreeMap<>();
        Map<String, String> writtenAs = new HashMap<>();
        // Entries land where their names lead when the layer is applied, through symlinked parents, as a runtime
        // extracts them (the same rule as sbom's filesystem).
        RootPaths paths = new RootPaths(p -> symlink(fs, p), source);
        for (int i = 0; i < layers.size(); i++) {
            Tree layer = layers.get(i);
            // Whiteouts act on the layers below only, so all of them go before this layer's own entries.
            for (Entry e : layer.entries()) {
                String base = baseName(e.path());
                String dir = parent(e.path());
                if (Whiteout.isOpaque(base)) {
                    removeBelow(fs, dotted(paths.resolve(dir.equals(".") ? "" : dir)));
                    paths.forget();
                } else if (Whiteout.is(base)) {
                    String target = dotted(paths.landing(join(dir, Whiteout.deleted(base))));
                    fs.remove(target);
                    removeBelow(fs, target);
                    paths.forget();
                }
            }
            for (Entry e : layer.entries()) {
                if (Whiteout.is(baseName(e.path()))) {
                    continue;
                }
                String at = e.path().equals(".") ? "." : dotted(paths.landing(e.path()));
                Entry lower = fs.get(at);
                if (lower != null && lower.type() == EntryType.DIRECTORY && e.type() != EntryType.DIRECTORY) {
                    removeBelow(fs, at);
                }
                fs.put(at, e);
                from.put(at, i);
                if (at.equals(e.path())) {
                    writtenAs.remove(at);
                } else {
                    writtenAs.put(at, e.path());
                }
                if (e.type() == EntryType.SYMLINK || (lower != null && lower.type() != e.type())) {
                    paths.forget();
                }
            }
        }
        List<Entry> out = new ArrayList<>(fs.size());
        TreeMap<String, Integer> layerOf = new TreeMap<>();
        int pos = 0;
        for (Map.Entry<String, Entry> f : fs.entrySet()) {
            Entry e = f.getValue();
            layerOf.put(f.getKey(), from.get(f.getKey()));
            out.add(new Entry(f.getKey(), e.rawName(), e.nameMethod(), e.type(), e.mode(), e.uid(), e.gid(),
                    e.uname(), e.gname(), e.mtime(), e.mtimeNanos(), e.size(), e.sha256(), e.linkTarget(), e.records(),
                    e.devMajor(), e.devMinor(), pos++));
        }
        writtenAs.keySet().retainAll(fs.keySet());
        return new Flattened(new Tree(source, "rootfs", false, out, null, CompressionHeader.NONE, null, null, List.of()),
                layerOf, writtenAs);
    }

    private static String symlink(Map<String, Entry> fs, String path) {
        Entry e = fs.get(dotted(path));
        return e != null && e.type() == EntryType.SYMLINK ? (e.linkTarget() == null ? "" : e.linkTarget()) : null;
    }

    /** The diff's name for a path: "." for the root. */
    private static String dotted(String path) {
        return path.isEmpty() ? "." : path;
    }

    /** Removes every path strictly below {@code dir} ("." is the root: everything else). */
    private static void removeBelow(TreeMap<String, Entry> fs, String dir) {
        if (dir.equals(".")) {
            fs.keySet().removeIf(p -> !p.equals("."));
            return;
        }
        String prefix = dir + "/";
        var it = fs.tailMap(prefix, true).keySet().iterator();
        while (it.hasNext()) {
            if (!it.next().startsWith(prefix)) {
                break;
            }
            it.remove();
        }
    }

    static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "." : path.substring(0, slash);
    }

    private static String join(String dir, String name) {
        return dir.equals(".") ? name : dir + "/" + name;
    }
}
