package dev.ocisc.oci;

import dev.ocisc.graph.InvalidInputException;
import dev.ocisc.oci.tar.EntryType;
import dev.ocisc.oci.tar.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The filesystem a container sees: the layers applied in order, whiteouts and opaque directories honoured,
 * each file attributed to the layer that last wrote it. Holds metadata only, never content.
 */
public final class Filesystem {
    private static final int MAX_SYMLINKS = 40; // as Linux's MAXSYMLINKS

    private final NavigableMap<String, FileEntry> files;
    private final String source;

    private Filesystem(NavigableMap<String, FileEntry> files, String source) {
        this.files = Collections.unmodifiableNavigableMap(files);
        this.source = source;
    }

    /** Applies the layers bottom first. */
    public static Filesystem flatten(List<LayerListing> layers, String source) {
        TreeMap<String, FileEntry> fs = new TreeMap<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerListing l = layers.get(i);
            // Whiteouts and opaque markers hide what lower layers wrote, never what this layer writes.
            for (String dir : l.opaque()) {
                removeChildren(fs, dir);
            }
            for (String w : l.whiteouts()) {
                fs.remove(w);
                removeChildren(fs, w);
            }
            for (FileEntry e : l.entries()) {
                FileEntry before = fs.put(e.path(), e.atLayer(i));
                if (before != null && before.type() == EntryType.DIRECTORY && e.type() != EntryType.DIRECTORY) {
                    removeChildren(fs, e.path()); // a file replacing a directory replaces its contents too
                }
            }
        }
        return new Filesystem(fs, source);
    }

    private static void removeChildren(TreeMap<String, FileEntry> fs, String dir) {
        if (dir.isEmpty()) {
            fs.clear();
            return;
        }
        fs.subMap(dir + "/", true, dir + "0", false).clear(); // '0' follows '/' in ASCII
    }

    public NavigableMap<String, FileEntry> files() {
        return files;
    }

    public Optional<FileEntry> get(String path) {
        return Optional.ofNullable(files.get(path));
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
        List<String> todo = new ArrayList<>(List.of(path.split("/")));
        List<String> done = new ArrayList<>();
        int hops = 0;
        while (!todo.isEmpty()) {
            String part = todo.remove(0);
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            done.add(part);
            FileEntry e = files.get(String.join("/", done));
            if (e != null && e.type() == EntryType.SYMLINK) {
                if (++hops > MAX_SYMLINKS) {
                    throw new InvalidInputException(source, "symlink loop resolving /" + path);
                }
                done.remove(done.size() - 1);
                String target = e.linkTarget() == null ? "" : e.linkTarget();
                if (target.startsWith("/")) {
                    done.clear();
                }
                List<String> next = new ArrayList<>(List.of(target.split("/")));
                next.addAll(todo);
                todo = next;
            }
        }
        String resolved = String.join("/", done);
        return Paths.normalize(resolved) == null ? "" : resolved;
    }
}
