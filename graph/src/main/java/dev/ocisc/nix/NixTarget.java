package dev.ocisc.nix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.graph.Graph;
import dev.ocisc.json.StrictJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns what the user named on the command line into a graph: a {@code result} link, a store path (or a file
 * inside one), a {@code .drv}, or a JSON dump of {@code nix derivation show -r} or {@code nix path-info --json
 * -r}.
 *
 * @param storeRoot root of a relocated store, or null for the system store
 */
public record NixTarget(String target, Path storeRoot) {
    /** JSON dumps bigger than this are refused rather than read into memory. */
    static final long MAX_JSON_BYTES = 1L << 30;

    /**
     * Resolves the target. A derivation dump only describes a build graph, so it yields a BUILDTIME graph even
     * when RUNTIME is asked for; callers compare {@link Graph#mode()} with what they asked.
     */
    public Graph resolve(Graph.Mode mode) {
        return resolve(mode, null);
    }

    /**
     * Resolves the target, reading a store target from {@code opened} (a store the caller opened at this target's
     * store root, to read more from it afterwards without parsing its derivations again); null opens one.
     */
    public Graph resolve(Graph.Mode mode, NixStore opened) {
        Path file = Path.of(target);
        String storePath = storePath().orElse(null);
        if (storePath == null) {
            if (Files.isRegularFile(file)) {
                return fromJson(file, mode);
            }
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException(target, "no such file or store path");
            }
            throw new InvalidInputException(target, "not a store path, a result link or a JSON graph");
        }
        NixStore store = opened != null ? opened : NixStore.open(storeRoot);
        StorePath sp = StorePath.parse(storePath);
        if (sp.isDerivation()) {
            if (mode == Graph.Mode.BUILDTIME) {
                return BuildClosure.walk(store, store, List.of(storePath));
            }
            Derivation d = store.derivation(storePath).orElseThrow(() ->
                    new InvalidInputException(storePath, "derivation not found in the store"));
            List<String> outputs = new ArrayList<>();
            Optional.ofNullable(d.outputs().get("out")).ifPresent(o -> outputs.add(o.path()));
            d.outputs().values().stream().filter(o -> !o.name().equals("out")).forEach(o -> outputs.add(o.path()));
            List<String> valid = outputs.stream().filter(o -> !o.isEmpty() && store.get(o).isPresent()).toList();
            if (valid.isEmpty()) {
                throw new InvalidInputException(storePath,
                        "no output of this derivation is built; build it first, or use --buildtime");
            }
            return RuntimeClosure.walk(store, store, valid);
        }
        PathInfo info = store.get(storePath).orElseThrow(() ->
                new InvalidInputException(storePath, "not a valid path in the store"
                        + (storeRoot == null ? " (for a relocated store, give --store ROOT)" : " under " + storeRoot)));
        if (mode == Graph.Mode.BUILDTIME) {
            if (info.deriver() == null) {
                throw new InvalidInputException(storePath, "has no deriver (a source or builtins.toFile path), "
                        + "so it has no build graph");
            }
            return BuildClosure.walk(store, store, List.of(info.deriver()));
        }
        return RuntimeClosure.walk(store, store, List.of(storePath));
    }

    /**
     * The store path the target names, links to (a result link) or lies inside (under the store root when one
     * is given); empty when the target is not in a store (a JSON dump, say).
     */
    public Optional<String> storePath() {
        Optional<String> location = location();
        if (location.isEmpty()) {
            return Optional.empty();
        }
        String prefix = StorePath.DEFAULT_STORE_DIR + "/";
        String rest = location.get().substring(prefix.length());
        int slash = rest.indexOf('/');
        String candidate = prefix + (slash < 0 ? rest : rest.substring(0, slash));
        if (!StorePath.isStorePath(candidate)) {
            throw new InvalidInputException(target, "not a valid store path name");
        }
        return Optional.of(candidate);
    }

    /**
     * Where in the store the target is, as Nix names it: {@code /nix/store/HASH-NAME} or a file below it, for a
     * path under {@code /nix/store} or the store root, or a link to one; empty when the target is not in a store.
     */
    public Optional<String> location() {
        Path file = Path.of(target);
        String s = target;
        try {
            if (Files.isSymbolicLink(file)) {
                Path link = Files.readSymbolicLink(file);
                s = (link.isAbsolute() ? link : file.toAbsolutePath().getParent().resolve(link).normalize()).toString();
            }
        } catch (IOException e) {
            throw new InvalidInputException(target, "cannot read link: " + e.getMessage());
        }
        if (storeRoot != null) {
            String root = storeRoot.toAbsolutePath().normalize().toString();
            String abs = Path.of(s).isAbsolute() ? s : file.toAbsolutePath().normalize().toString();
            if (abs.startsWith(root + "/")) {
                s = abs.substring(root.length());
            }
        }
        return s.startsWith(StorePath.DEFAULT_STORE_DIR + "/") ? Optional.of(s) : Optional.empty();
    }

    /**
     * The graph of the JSON dump read from {@code in} (standard input), capped as a file is; errors name this
     * target ({@code <stdin>}).
     */
    public Graph resolveJson(java.io.InputStream in, Graph.Mode mode) {
        return fromJson(target, StrictJson.read(in, target, MAX_JSON_BYTES), mode);
    }

    private Graph fromJson(Path file, Graph.Mode mode) {
        return fromJson(file.toString(), StrictJson.read(file, MAX_JSON_BYTES), mode);
    }

    private Graph fromJson(String file, JsonNode root, Graph.Mode mode) {
        if (DerivationJson.looksLike(root)) {
            DerivationJson drvs = DerivationJson.parse(file, root);
            List<String> roots = drvs.roots();
            if (roots.isEmpty()) {
                throw new InvalidInputException(file, "no derivations (or a cycle) in the derivation graph");
            }
            PathInfoSource infos = storeRoot != null ? NixStore.open(storeRoot) : p -> Optional.empty();
            return BuildClosure.walk(drvs, infos, roots);
        }
        if (PathInfoJson.looksLike(root)) {
            if (mode == Graph.Mode.BUILDTIME) {
                throw new InvalidInputException(file, "nix path-info output holds no build inputs; "
                        + "give the JSON of nix derivation show -r, or a .drv, for --buildtime");
            }
            PathInfoJson infos = PathInfoJson.parse(file, root);
            DerivationSource drvs = storeRoot != null ? NixStore.open(storeRoot) : p -> Optional.empty();
            return RuntimeClosure.walk(infos, drvs, topLevel(infos));
        }
        throw new InvalidInputException(file,
                "not a JSON graph (expected nix derivation show -r or nix path-info --json -r output)");
    }

    /** The paths of a path-info dump that nothing else in it refers to: the closure's top. */
    private static List<String> topLevel(PathInfoJson infos) {
        java.util.Set<String> referenced = new java.util.HashSet<>();
        infos.all().values().forEach(i -> referenced.addAll(i.references()));
        List<String> tops = infos.all().keySet().stream().filter(p -> !referenced.contains(p)).toList();
        return tops.isEmpty() ? List.copyOf(infos.all().keySet()) : tops;
    }
}
