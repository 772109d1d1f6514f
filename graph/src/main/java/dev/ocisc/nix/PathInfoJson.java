package dev.ocisc.nix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.graph.InvalidInputException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The JSON of {@code nix path-info --json [-r]}: an array of objects with {@code path} (older Nix) or an object
 * keyed by path (newer Nix), each with narHash, narSize, references, deriver, registrationTime, ca.
 */
public final class PathInfoJson implements PathInfoSource {
    private final SortedMap<String, PathInfo> infos;

    private PathInfoJson(SortedMap<String, PathInfo> infos) {
        this.infos = infos;
    }

    public static boolean looksLike(JsonNode root) {
        if (root.isArray()) {
            return root.size() > 0 && root.get(0).has("narHash");
        }
        if (root.isObject() && root.size() > 0) {
            JsonNode first = root.elements().next();
            return first.isObject() && first.has("narHash");
        }
        return false;
    }

    public static PathInfoJson parse(String source, JsonNode root) {
        SortedMap<String, PathInfo> infos = new TreeMap<>();
        if (root.isArray()) {
            for (JsonNode entry : root) {
                String path = entry.path("path").asText(null);
                if (path == null) {
                    throw new InvalidInputException(source, "path-info entry without \"path\"");
                }
                if (!entry.path("valid").asBoolean(true)) {
                    continue; // older Nix lists paths it was asked about but does not have
                }
                infos.put(path, entry(source, path, entry));
            }
        } else if (root.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = e.getKey().startsWith("/") ? e.getKey() : StorePath.DEFAULT_STORE_DIR + "/" + e.getKey();
                if (!e.getValue().isNull() && e.getValue().path("valid").asBoolean(true)) {
                    infos.put(path, entry(source, path, e.getValue()));
                }
            }
        } else {
            throw new InvalidInputException(source, "expected the JSON of nix path-info --json");
        }
        return new PathInfoJson(infos);
    }

    private static PathInfo entry(String source, String path, JsonNode n) {
        if (!StorePath.isStorePath(path)) {
            throw new InvalidInputException(source, "not a store path: '" + path + "'");
        }
        String nar = n.path("narHash").asText(null);
        String narHex = null;
        if (nar != null) {
            try {
                narHex = Hashes.toHex(nar, "sha256");
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(source, path + ": bad narHash: " + e.getMessage());
            }
        }
        TreeSet<String> refs = new TreeSet<>();
        n.path("references").forEach(r -> refs.add(absolute(r.asText())));
        String deriver = n.hasNonNull("deriver") ? absolute(n.get("deriver").asText()) : null;
        String ca = n.hasNonNull("ca") ? n.get("ca").asText() : null;
        return new PathInfo(path, narHex, n.path("narSize").asLong(-1), refs, deriver,
                n.path("registrationTime").asLong(0), ca, null);
    }

    private static String absolute(String p) {
        return p.startsWith("/") ? p : StorePath.DEFAULT_STORE_DIR + "/" + p;
    }

    @Override
    public Optional<PathInfo> get(String path) {
        return Optional.ofNullable(infos.get(path));
    }

    public SortedMap<String, PathInfo> all() {
        return java.util.Collections.unmodifiableSortedMap(infos);
    }
}
