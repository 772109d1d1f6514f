package dev.ocisc.nix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.json.JsonFields;
import dev.ocisc.json.StrictJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The JSON of {@code nix derivation show -r} ({@code nix show-derivation} before 2.15). Two shapes exist:
 * before Nix 2.33 an object keyed by {@code .drv} path with {@code inputDrvs}/{@code inputSrcs}; from 2.33
 * {@code {"derivations": {...}, "version": N}} keyed by base name, with {@code inputs.drvs}/{@code inputs.srcs}
 * and fixed outputs spelt {@code method}/{@code hashAlgo}/{@code hash}.
 */
public final class DerivationJson implements DerivationSource {
    private final SortedMap<String, Derivation> derivations;

    private DerivationJson(SortedMap<String, Derivation> derivations) {
        this.derivations = derivations;
    }

    public static boolean looksLike(JsonNode root) {
        if (!root.isObject() || root.isEmpty()) {
            return false;
        }
        if (root.has("derivations") && root.get("derivations").isObject()) {
            return true;
        }
        JsonNode first = root.elements().next();
        return first.isObject() && first.has("outputs") && (first.has("inputDrvs") || first.has("inputs"));
    }

    public static DerivationJson parse(String source, JsonNode root) {
        JsonNode drvs = root.has("derivations") ? root.get("derivations") : root;
        if (!drvs.isObject()) {
            throw new InvalidInputException(source, "expected the JSON of nix derivation show");
        }
        JsonFields f = new JsonFields(source);
        SortedMap<String, Derivation> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = drvs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = derivationPath(source, null, e.getKey());
            out.put(path, derivation(f, path, e.getValue()));
        }
        return new DerivationJson(out);
    }

    /** Every field read by its type (JsonFields): a wrong one is bad input, never an empty default. */
    private static Derivation derivation(JsonFields f, String path, JsonNode d) {
        f.object(d, path);
        if (!d.has("outputs")) {
            throw new InvalidInputException(f.source(), path + ": derivation without \"outputs\"");
        }
        SortedMap<String, DerivationOutput> outputs = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = f.object(d, "outputs", path).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> o = it.next();
            String where = path + ": output " + StrictJson.quote(o.getKey());
            JsonNode v = f.object(o.getValue(), where);
            String outPath = f.string(v, "path", where);
            String algo = f.string(v, "hashAlgo", where, "");
            String method = f.string(v, "method", where, "");
            if (method.equals("nar") && !algo.isEmpty() && !algo.startsWith("r:")) {
                algo = "r:" + algo;
            } else if (method.equals("text") && !algo.isEmpty()) {
                algo = "text:" + algo;
            }
            // content-addressed outputs have no path before they are built
            outPath = outPath == null || outPath.isEmpty() ? "" : DumpPaths.storePath(f.source(), where, outPath);
            outputs.put(o.getKey(), new DerivationOutput(o.getKey(), outPath, algo,
                    f.string(v, "hash", where, "")));
        }
        JsonNode inputs = f.object(d, "inputs", path);
        JsonNode drvs = d.has("inputDrvs") ? f.object(d, "inputDrvs", path)
                : f.object(inputs, "drvs", path + ": inputs");
        SortedMap<String, SortedSet<String>> inputDrvs = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = drvs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> i = it.next();
            String where = path + ": input " + StrictJson.quote(i.getKey());
            // ["out", ...] before Nix 2.18, {"outputs": [...], "dynamicOutputs": {...}} since
            List<String> names = i.getValue().isObject() ? f.strings(i.getValue(), "outputs", where)
                    : f.strings(i.getValue(), where);
            inputDrvs.put(derivationPath(f.source(), path + ": inputs", i.getKey()), new TreeSet<>(names));
        }
        SortedSet<String> inputSrcs = new TreeSet<>();
        List<String> srcs = d.has("inputSrcs") ? f.strings(d, "inputSrcs", path)
                : f.strings(inputs, "srcs", path + ": inputs");
        srcs.forEach(s -> inputSrcs.add(DumpPaths.storePath(f.source(), path + ": input sources", s)));
        List<String> args = f.strings(d, "args", path);
        Map<String, String> env = f.stringMap(d, "env", path);
        if (d.hasNonNull("structuredAttrs")) {
            // Nix >= 2.33 moves the __json environment entry of __structuredAttrs derivations out of env.
            env.put("__json", f.object(d, "structuredAttrs", path).toString());
        }
        String name = f.string(d, "name", path);
        if (!env.containsKey("name") && name != null) {
            env.put("name", name);
        }
        return new Derivation(path, outputs, inputDrvs, inputSrcs, f.string(d, "system", path, ""),
                f.string(d, "builder", path, ""), args, env);
    }

    private static String derivationPath(String source, String where, String name) {
        String p = DumpPaths.storePath(source, where, name);
        if (!p.endsWith(".drv")) {
            throw new InvalidInputException(source, (where == null ? "" : where + ": ") + "not a derivation path: "
                    + StrictJson.quote(name));
        }
        return p;
    }

    @Override
    public Optional<Derivation> derivation(String drvPath) {
        return Optional.ofNullable(derivations.get(drvPath));
    }

    public SortedMap<String, Derivation> all() {
        return java.util.Collections.unmodifiableSortedMap(derivations);
    }

    /** The derivations that no other derivation in the dump uses: the targets it was made for. */
    public List<String> roots() {
        SortedSet<String> used = new TreeSet<>();
        derivations.values().forEach(d -> used.addAll(d.inputDrvs().keySet()));
        return derivations.keySet().stream().filter(p -> !used.contains(p)).toList();
    }
}
