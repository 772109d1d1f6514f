package dev.ocisc.nix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.graph.FixedOutput;
import dev.ocisc.json.StrictJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A parsed derivation: the content of a {@code .drv} file or of one entry of {@code nix derivation show}.
 *
 * @param path      the {@code .drv} store path
 * @param outputs   output name to output, sorted by name
 * @param inputDrvs input derivation path to the output names used, sorted
 * @param inputSrcs input sources (store paths), sorted
 * @param env       the builder's environment, in the order of the file
 */
public record Derivation(
        String path,
        SortedMap<String, DerivationOutput> outputs,
        SortedMap<String, SortedSet<String>> inputDrvs,
        SortedSet<String> inputSrcs,
        String system,
        String builder,
        List<String> args,
        Map<String, String> env) {

    public Derivation {
        outputs = Collections.unmodifiableSortedMap(new TreeMap<>(outputs));
        TreeMap<String, SortedSet<String>> drvs = new TreeMap<>();
        inputDrvs.forEach((k, v) -> drvs.put(k, Collections.unmodifiableSortedSet(new TreeSet<>(v))));
        inputDrvs = Collections.unmodifiableSortedMap(drvs);
        inputSrcs = Collections.unmodifiableSortedSet(new TreeSet<>(inputSrcs));
        args = List.copyOf(args);
        env = env instanceof DrvEnv ? env : Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }

    /** The derivation's {@code name} attribute, or the store path name without {@code .drv}. */
    public String name() {
        String n = env.get("name");
        if (n == null) {
            n = structuredAttrs().map(j -> j.path("name").asText(null)).orElse(null);
        }
        return n != null ? n : StorePath.parse(path).packageName();
    }

    /** The output that produced {@code outputPath}, if any. */
    public Optional<DerivationOutput> outputFor(String outputPath) {
        return outputs.values().stream().filter(o -> o.path().equals(outputPath)).findFirst();
    }

    /** The attributes of a {@code __structuredAttrs} derivation, which Nix passes as one {@code __json} entry. */
    public Optional<JsonNode> structuredAttrs() {
        String json = env.get("__json");
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(StrictJson.parse(json, path));
        } catch (InvalidInputException e) {
            return Optional.empty(); // as if it had none: the attributes only add names and URLs
        }
    }

    /** Download locations: the {@code urls} list (fetchurl and mirrors), else the single {@code url}. */
    public List<String> urls() {
        Optional<JsonNode> attrs = structuredAttrs();
        if (attrs.isPresent()) {
            List<String> urls = new ArrayList<>();
            JsonNode u = attrs.get().path("urls");
            if (u.isArray()) {
                u.forEach(x -> urls.add(x.asText()));
            } else if (u.isTextual()) {
                urls.addAll(split(u.asText()));
            }
            if (urls.isEmpty() && attrs.get().path("url").isTextual()) {
                urls.add(attrs.get().path("url").asText());
            }
            return urls;
        }
        List<String> urls = split(env.getOrDefault("urls", ""));
        if (urls.isEmpty()) {
            urls = split(env.getOrDefault("url", ""));
        }
        return urls;
    }

    /** The fixed-output hash and URLs, when {@code output} is fixed-output. */
    public Optional<FixedOutput> fixedOutput(String output) {
        DerivationOutput o = outputs.get(output);
        if (o == null || !o.isFixed()) {
            return Optional.empty();
        }
        String algo = o.hashAlgo();
        boolean recursive = algo.startsWith("r:");
        if (recursive) {
            algo = algo.substring(2);
        }
        String hex;
        try {
            hex = Hashes.toHex(o.hash(), algo);
        } catch (IllegalArgumentException e) {
            hex = o.hash();
        }
        return Optional.of(new FixedOutput(algo, hex, recursive, urls()));
    }

    private static List<String> split(String s) {
        String t = s.strip();
        return t.isEmpty() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(t.split("\\s+")));
    }
}
