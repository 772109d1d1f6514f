package dev.ocisc.nix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.graph.InvalidInputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
        SortedMap<String, Derivation> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = drvs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = absolute(e.getKey());
            if (!StorePath.isStorePath(path) || !path.endsWith(".drv")) {
                throw new InvalidInputException(source, "not a derivation path: '" + e.getKey() + "'");
            }
            out.put(path, derivation(source, path, e.getValue()));
        }
        return new DerivationJson(out);
    }

    private static Derivation derivation(String source, String path, JsonNode d) {
        if (!d.isObject() || !d.has("outputs")) {
            throw new InvalidInputException(source, path + ": derivation without \"outputs\"");
        }
        SortedMap<String, DerivationOutput> outputs = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = d.get("outputs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> o = it.next();
            JsonNode v = o.getValue();
            String outPath = v.hasNonNull("path") ? absolute(v.get("path").asText()) : "";
            String algo = v.path("hashAlgo").asText("");
            String method = v.path("method").asText("");
            if (method.equals("nar") && !algo.isEmpty() && !algo.startsWith("r:")) {
                algo = "r:" + algo;
            } else if (method.equals("text") && !algo.isEmpty()) {
                algo = "text:" + algo;
            }
            outputs.put(o.getKey(), new DerivationOutput(o.getKey(), outPath, algo, v.path("hash").asText("")));
        }
        JsonNode inputs = d.path("inputs");
        JsonNode drvs = d.has("inputDrvs") ? d.get("inputDrvs") : inputs.path("drvs");
        JsonNode srcs = d.has("inputSrcs") ? d.get("inputSrcs") : inputs.path("srcs");
        SortedMap<String, SortedSet<String>> inputDrvs = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = drvs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> i = it.next();
            JsonNode outs = i.getValue().isArray() ? i.getValue() : i.getValue().path("outputs");
            SortedSet<String> names = new TreeSet<>();
            outs.forEach(n -> names.add(n.asText()));
            inputDrvs.put(absolute(i.getKey()), names);
        }
        SortedSet<String> inputSrcs = new TreeSet<>();
        srcs.forEach(s -> inputSrcs.add(absolute(s.asText())));
        List<String> args = new ArrayList<>();
        d.path("args").forEach(a -> args.add(a.asText()));
        Map<String, String> env = new LinkedHashMap<>();
        d.path("env").fields().forEachRemaining(en -> env.put(en.getKey(), en.getValue().asText()));
        if (d.path("structuredAttrs").isObject()) {
            // Nix >= 2.33 moves the __json environment entry of __structuredAttrs derivations out of env.
            env.put("__json", d.get("structuredAttrs").toString());
        }
        if (!env.containsKey("name") && d.hasNonNull("name")) {
            env.put("name", d.get("name").asText());
        }
        return new Derivation(path, outputs, inputDrvs, inputSrcs, d.path("system").asText(""),
                d.path("builder").asText(""), args, env);
    }

    private static String absolute(String p) {
        return p.startsWith("/") ? p : StorePath.DEFAULT_STORE_DIR + "/" + p;
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
