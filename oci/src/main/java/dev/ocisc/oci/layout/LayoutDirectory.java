package dev.ocisc.oci.layout;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.BlobStore;
import dev.ocisc.oci.tar.Paths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** The files of an OCI layout directory. Names come from digests or fixed names, and never leave the directory. */
public final class LayoutDirectory implements BlobStore {
    private final Path root;

    public LayoutDirectory(Path root) {
        this.root = root;
    }

    public static boolean looksLikeLayout(Path dir) {
        return Files.isDirectory(dir) && (Files.isRegularFile(dir.resolve("oci-layout"))
                || Files.isRegularFile(dir.resolve("index.json")));
    }

    private Path file(String name) {
        String safe = Paths.normalize(name);
        if (safe == null || safe.isEmpty()) {
            throw new InvalidInputException(describe(), "blob name '" + name + "' escapes the layout");
        }
        Path p = root.resolve(safe);
        if (Files.isSymbolicLink(p)) {
            throw new InvalidInputException(describe(), name + " is a symlink; a layout's blobs must be files");
        }
        try {
            // A symlinked directory (blobs/ -> /elsewhere) must not lead reads out of the layout either.
            if (Files.exists(p) && !p.toRealPath().startsWith(root.toRealPath())) {
                throw new InvalidInputException(describe(), name + " leads out of the layout directory");
            }
        } catch (IOException e) {
            throw new InvalidInputException(describe(), "cannot resolve " + name + ": " + e.getMessage());
        }
        return p;
    }

    @Override
    public long size(String name) {
        Path p = file(name);
        try {
            return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.size(p) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public InputStream open(String name) throws IOException {
        return Files.newInputStream(file(name));
    }

    @Override
    public String describe() {
        return root.toString();
    }
}
