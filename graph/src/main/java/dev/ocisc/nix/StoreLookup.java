package dev.ocisc.nix;

import dev.ocisc.failure.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the store paths an image names but does not ship (nix-snapshotter layers) are looked up: a store opened
 * only when such a path is asked for, so that an image without them never needs one.
 */
public final class StoreLookup {
    private StoreLookup() {
    }

    /** The store under {@code root} (checked now), opened on first use. */
    public static PathInfoSource at(Path root) {
        NixStore.requireRoot(root);
        return lazy(() -> NixStore.open(root));
    }

    /**
     * This machine's store database, opened on first use, or null when there is none to read; one that cannot be
     * opened answers nothing, never the {@code nix} command.
     */
    public static PathInfoSource system() {
        Path db = Path.of("/").resolve(NixStore.DATABASE);
        if (!Files.isReadable(db)) {
            return null;
        }
        return lazy(() -> {
            try {
                return StoreDatabase.openShared(db);
            } catch (InvalidInputException e) {
                return p -> Optional.empty();
            }
        });
    }

    private static PathInfoSource lazy(Supplier<PathInfoSource> open) {
        return new PathInfoSource() {
            private PathInfoSource opened;

            private PathInfoSource source() {
                if (opened == null) {
                    opened = open.get();
                }
                return opened;
            }

            @Override
            public Optional<PathInfo> get(String path) {
                return source().get(path);
            }

            @Override
            public Map<String, PathInfo> getAll(Collection<String> paths) {
                return source().getAll(paths);
            }
        };
    }
}
