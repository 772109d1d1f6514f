package dev.ocisc.nix;

import dev.ocisc.graph.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Nix store on this machine: where its files are, and where its facts come from. A relocated store
 * ({@code nix copy --to local?root=ROOT}) keeps {@code /nix/store/X} at {@code ROOT/nix/store/X} and its
 * database at {@code ROOT/nix/var/nix/db/db.sqlite}.
 */
public final class NixStore implements PathInfoSource, DerivationSource {
    private final Path root;
    private final PathInfoSource infos;
    private final Map<String, Optional<Derivation>> derivations = new java.util.concurrent.ConcurrentHashMap<>();

    private NixStore(Path root, PathInfoSource infos) {
        this.root = root;
        this.infos = infos;
    }

    /**
     * Opens the store under {@code root} (null: the system store). Reads its database directly; when the
     * database is missing or unreadable, falls back to the {@code nix} command.
     */
    public static NixStore open(Path root) {
        Path db = (root == null ? Path.of("/") : root).resolve("nix/var/nix/db/db.sqlite");
        PathInfoSource source;
        if (Files.isReadable(db)) {
            try {
                source = StoreDatabase.open(db);
            } catch (InvalidInputException e) {
                source = cli(root);
            }
        } else {
            source = cli(root);
        }
        return new NixStore(root, source);
    }

    /** A store whose facts come from a given source (a {@code path-info} dump), with files under {@code root}. */
    public static NixStore of(Path root, PathInfoSource infos) {
        return new NixStore(root, infos);
    }

    private static PathInfoSource cli(Path root) {
        return new NixCli(root == null ? null : "local?root=" + root.toAbsolutePath());
    }

    /** Where the bytes of {@code storePath} are on this machine. */
    public Path physical(String storePath) {
        if (root == null) {
            return Path.of(storePath);
        }
        return root.resolve(storePath.startsWith("/") ? storePath.substring(1) : storePath);
    }

    @Override
    public Optional<PathInfo> get(String storePath) {
        return infos.get(storePath);
    }

    @Override
    public Map<String, PathInfo> getAll(java.util.Collection<String> paths) {
        return infos.getAll(paths);
    }

    @Override
    public Map<String, PathInfo> closure(java.util.Collection<String> roots) {
        return infos.closure(roots);
    }

    /**
     * Parses the given derivations on all cores. Parsing ten thousand small files is mostly waiting for reads,
     * which parallelise well.
     */
    @Override
    public void prefetch(java.util.Collection<String> drvPaths) {
        drvPaths.parallelStream().filter(p -> p != null && !derivations.containsKey(p)).forEach(this::derivation);
    }

    /** The parsed {@code .drv} at {@code drvPath}, or empty when the file is not in this store. */
    @Override
    public Optional<Derivation> derivation(String drvPath) {
        return derivations.computeIfAbsent(drvPath, p -> {
            Path file = physical(p);
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            return Optional.of(DerivationParser.read(file, p));
        });
    }

    public Path root() {
        return root;
    }
}
