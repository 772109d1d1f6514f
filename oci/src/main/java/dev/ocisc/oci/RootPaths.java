package dev.ocisc.oci;

import dev.ocisc.failure.InvalidInputException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where names lead inside an image's root, as a runtime sees them while it applies layers ({@code umoci unpack},
 * containerd): symlinks are followed, {@code ..} and absolute targets never leave the root. What a layer writes
 * lands where its name leads: its parent directories are resolved, the last component is not (an entry replaces
 * whatever is there). The filesystem of {@code sbom} and the flattened view of {@code diff} both place entries here.
 */
public final class RootPaths {
    private static final int MAX_SYMLINKS = 40; // as Linux's MAXSYMLINKS

    private final Function<String, String> symlink;
    private final String source;
    /** Resolved parents, by directory, while no symlink changes. */
    private final Map<String, String> parents = new HashMap<>();

    /**
     * @param symlink the target of the symlink at a path ({@code ""} is the root), or null if no symlink is there
     * @param source  names the image in errors
     */
    public RootPaths(Function<String, String> symlink, String source) {
        this.symlink = symlink;
        this.source = source;
    }

    /** Where {@code path} leads, every symlink followed; the path reached may not exist. A loop is an error. */
    public String resolve(String path) {
        Deque<String> todo = new ArrayDeque<>(List.of(path.split("/")));
        List<String> done = new ArrayList<>();
        int hops = 0;
        while (!todo.isEmpty()) {
            String part = todo.pop();
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
            String target = symlink.apply(String.join("/", done));
            if (target != null) {
                if (++hops > MAX_SYMLINKS) {
                    throw new InvalidInputException(source, "symlink loop resolving /" + path);
                }
                done.remove(done.size() - 1);
                if (target.startsWith("/")) {
                    done.clear();
                }
                List<String> next = List.of(target.split("/"));
                for (int i = next.size() - 1; i >= 0; i--) {
                    todo.push(next.get(i));
                }
            }
        }
        return String.join("/", done);
    }

    /** Where an entry named {@code path} lands: its parent resolved, its own name kept. */
    public String landing(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return path;
        }
        String dir = parents.computeIfAbsent(path.substring(0, slash), this::resolve);
        String name = path.substring(slash + 1);
        return dir.isEmpty() ? name : dir + "/" + name;
    }

    /** Symlinks changed (added, replaced or removed): parents resolved so far may lead elsewhere now. */
    public void forget() {
        parents.clear();
    }
}
