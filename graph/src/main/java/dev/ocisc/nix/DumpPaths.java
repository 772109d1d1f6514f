package dev.ocisc.nix;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.json.StrictJson;

/**
 * Store paths as Nix's JSON dumps name them: absolute, or by base name (newer Nix). Each is checked to be a store
 * path before it is used: a dump is the user's file or anyone's, and its paths are later read under a store root.
 */
final class DumpPaths {
    private DumpPaths() {
    }

    /**
     * @param source the dump, for the message
     * @param where  what names the path (a node and field), for the message; null for a node itself
     */
    static String storePath(String source, String where, String name) {
        String p = name.startsWith("/") ? name : StorePath.DEFAULT_STORE_DIR + "/" + name;
        if (!StorePath.isStorePath(p)) {
            throw new InvalidInputException(source, (where == null ? "" : where + ": ") + "not a store path: "
                    + StrictJson.quote(name));
        }
        return p;
    }
}
