package dev.ocisc.nix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.json.JsonFields;
import dev.ocisc.json.StrictJson;
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
        JsonFields f = new JsonFields(source);
        SortedMap<String, PathInfo> infos = new TreeMap<>();
        if (root.isArray()) {
            for (JsonNode entry : root) {
                f.object(entry, "a path-info entry");
                String name = f.string(entry, "path", "a path-info entry");
                if (name == null) {
                    throw new InvalidInputException(source, "path-info entry without \"path\"");
                }
                String path = DumpPaths.storePath(source, null, name);
                if (!f.bool(entry, "valid", path, true)) {
                    continue; // older Nix lists paths it was asked about but does not have
                }
                infos.put(path, entry(f, path, entry));
            }
        } else if (root.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = DumpPaths.storePath(source, null, e.getKey());
                if (e.getValue().isNull()) {
                    continue; // newer Nix: a path it was asked about but does not have
                }
                f.object(e.getValue(), StrictJson.quote(e.getKey()));
                if (f.bool(e.getValue(), "valid", path, true)) {
                    infos.put(path, entry(f, path, e.getValue()));
                }
            }
        } else {
            throw new InvalidInputException(source, "expected the JSON of nix path-info --json");
        }
        return new PathInfoJson(infos);
    }

    private static PathInfo entry(JsonFields f, String path, JsonNode n) {
        String nar = f.string(n, "narHash", path);
        String narHex = null;
        if (nar != null) {
            try {
                narHex = Hashes.toHex(nar, "sha256");
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(f.source(), path + ": bad narHash " + StrictJson.quote(nar));
            }
        }
        TreeSet<String> refs = new TreeSet<>();
        for (String r : f.strings(n, "references", path)) {
            refs.add(DumpPaths.storePath(f.source(), path + ": references", r));
        }
        String deriver = f.string(n, "deriver", path);
        return new PathInfo(path, narHex, f.integer(n, "narSize", path, -1), refs,
                deriver == null ? null : DumpPaths.storePath(f.source(), path + ": deriver", deriver),
                f.integer(n, "registrationTime", path, 0),
                f.string(n, "ca", path), null);
    }

    @Override
    public Optional<PathInfo> get(String path) {
        return Optional.ofNullable(infos.get(path));
    }

    public SortedMap<String, PathInfo> all() {
        return java.util.Collections.unmodifiableSortedMap(infos);
    }
}
