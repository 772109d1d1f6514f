package dev.ocisc.oci;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The filesystem a container sees: the layers applied in order, whiteouts and opaque directories honoured,
 * each file attributed to the layer that last wrote it. Holds metadata only, never content.
 *
 * <p>An entry lands where its name leads when the layer is applied ({@link RootPaths}): symlinks among its parent
 * directories are followed, inside the root. A layer that makes {@code var} a symlink to {@code data} and then
 * writes {@code var/lib/dpkg/status} puts the file at {@code data/lib/dpkg/status}; the entry keeps the name its
 * layer wrote it under ({@link FileEntry#path}).
 */
public final class Filesystem {
    private final NavigableMap<String, FileEntry> files;
    /** Per layer, where the entries it wrote through a symlinked parent landed: location to name. */
    private final List<Map<String, String>> moved;
    private final String source;

    private Filesystem(NavigableMap<String, FileEntry> files, List<Map<String, String>> moved, String source) {
        this.files = Collections.unmodifiableNavigableMap(files);
        this.moved = List.copyOf(moved);
        this.source = source;
    }

    /** Applies the layers bottom first. */
    public static Filesystem flatten(List<LayerListing> layers, String source) {
        TreeMap<String, FileEntry> fs = new TreeMap<>();
        List<Map<String, String>> moved = new ArrayList<>();
        RootPaths paths = new RootPaths(p -> symlink(fs, p), source);
        for (int i = 0; i < layers.size(); i++) {
            LayerListing l = layers.get(i);
            Map<String, String> here = new HashMap<>();
            // Whiteouts and opaque markers hide what lower layers wrote, never what this layer writes.
            for (String dir : l.opaque()) {
                removeChildren(fs, paths.resolve(dir));
                paths.forget();
            }
            for (String w : l.whiteouts()) {
                String at = paths.landing(w);
                fs.remove(at);
                removeChildren(fs, at);
                paths.forget();
            }
            for (FileEntry e : l.entries()) {
                String at = paths.landing(e.path());
                if (!at.equals(e.path())) {
                    here.put(at, e.path());
                }
                FileEntry before = fs.put(at, e.atLayer(i));
                if (before != null && before.type() == EntryType.DIRECTORY && e.type() != EntryType.DIRECTORY) {
                    removeChildren(fs, at); // a file replacing a directory replaces its contents too
                }
                if (e.type() == EntryType.SYMLINK || (before != null && before.type() != e.type())) {
                    paths.forget(); // where names lead has changed
                }
            }
            moved.add(here);
        }
        return new Filesystem(fs, moved, source);
    }

    private static String symlink(NavigableMap<String, FileEntry> fs, String path) {
        FileEntry e = fs.get(path);
        return e != null && e.type() == EntryType.SYMLINK ? (e.linkTarget() == null ? "" : e.linkTarget()) : null;
    }

    private static void removeChildren(TreeMap<String, FileEntry> fs, String dir) {
        if (dir.isEmpty()) {
            fs.clear();
            return;
        }
        fs.subMap(dir + "/", true, dir + "0", false).clear(); // '0' follows '/' in ASCII
    }

    /** The files by where they are in the container. */
    public NavigableMap<String, FileEntry> files() {
        return files;
    }

    public Optional<FileEntry> get(String path) {
        return Optional.ofNullable(files.get(path));
    }

    /**
     * The name under which layer {@code layer} wrote what landed at {@code path}: {@code path} itself unless a
     * symlinked parent led it there. What a layer captured is keyed by that name.
     */
    public String writtenAs(int layer, String path) {
        return moved.get(layer).getOrDefault(path, path);
    }

    /** The entries directly or indirectly below {@code dir}. */
    public NavigableMap<String, FileEntry> under(String dir) {
        return files.subMap(dir + "/", true, dir + "0", false);
    }

    /**
     * Resolves symlinks in {@code path} the way the kernel would inside the container: {@code ..} and absolute
     * targets stay within the image root. Returns the final path (which may not exist); a loop is an error.
     */
    public String resolve(String path) {
        return new RootPaths(p -> symlink(files, p), source).resolve(path);
    }
}
