package dev.ocisc.catalog;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.nix.NixStore;
import dev.ocisc.nix.StorePath;
import dev.ocisc.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The language packages in store paths on disk: each regular file of each path is read through the same
 * {@link LanguageFiles} as an image layer's files, once, and only as far as a cataloger needs it, except that a
 * file with packages is read to its end for its SHA-256. Links are not followed: they lead out of the path.
 *
 * @param packages what was found, in store path and file order
 * @param warnings files that claimed to hold packages but could not be read as they claim
 */
public record StoreFiles(List<LanguagePackage> packages, List<String> warnings) {
    /** One read buffer per thread: most store paths are a file or two, and a buffer each is garbage. */
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[1 << 16]);

    public StoreFiles {
        packages = List.copyOf(packages);
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads the store paths (store locations; derivations are skipped) under {@code root}, null for the
     * system store. A path that is not on disk is skipped: a graph can name paths that were never built.
     */
    public static StoreFiles scan(Path root, Collection<String> storePaths) {
        // Store paths are read in parallel (most are many small files: the cost is in opening them), and joined
        // in store path order.
        List<StoreFiles> each = storePaths.stream().sorted().distinct().toList().parallelStream()
                .map(sp -> scanOne(root, sp)).toList();
        List<LanguagePackage> pkgs = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (StoreFiles f : each) {
            pkgs.addAll(f.packages());
            warnings.addAll(f.warnings());
        }
        return new StoreFiles(pkgs, warnings);
    }

    private static StoreFiles scanOne(Path root, String sp) {
        if (StorePath.parse(sp).isDerivation()) {
            return new StoreFiles(List.of(), List.of());
        }
        Path top = NixStore.physical(root, sp);
        List<Found> files = new ArrayList<>();
        // One stat per entry, with the permission bits; links are not followed; a stack, not recursion.
        java.util.ArrayDeque<Path> todo = new java.util.ArrayDeque<>(List.of(top));
        try {
            while (!todo.isEmpty()) {
                Path p = todo.pop();
                PosixFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (java.nio.file.NoSuchFileException e) {
                    if (p.equals(top)) {
                        return new StoreFiles(List.of(), List.of()); // a graph can name paths never built
                    }
                    throw e;
                }
                if (attrs.isRegularFile()) {
                    files.add(new Found(p, attrs.size(), mode(attrs)));
                } else if (attrs.isDirectory()) {
                    try (java.nio.file.DirectoryStream<Path> d = Files.newDirectoryStream(p)) {
                        d.forEach(todo::push);
                    }
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(sp, "cannot list its files: " + e.getMessage());
        }
        files.sort(java.util.Comparator.comparing(Found::file));
        if (files.isEmpty()) {
            return new StoreFiles(List.of(), List.of());
        }
        LanguageFiles lang = new LanguageFiles();
        byte[] buf = BUFFER.get();
        for (Found f : files) {
            String rel = sp.substring(1) + (f.file().equals(top) ? "" : "/" + top.relativize(f.file()));
            read(lang, f, rel, buf);
        }
        return new StoreFiles(lang.packages(), lang.warnings());
    }

    private record Found(Path file, long size, int mode) {
    }

    /** The permission bits, as a tar header has them. */
    private static int mode(PosixFileAttributes attrs) {
        int mode = 0;
        for (PosixFilePermission p : attrs.permissions()) {
            mode |= 1 << (8 - p.ordinal()); // OWNER_READ (0) is 0400 ... OTHERS_EXECUTE (8) is 0001
        }
        return mode;
    }

    private static void read(LanguageFiles lang, Found f, String rel, byte[] buf) {
        if (!lang.start(rel, f.size(), f.mode())) {
            return;
        }
        Path file = f.file();
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest md = Digest.newSha256();
            int n;
            while (lang.wantsMore() && (n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
                lang.data(buf, 0, n);
            }
            List<LanguagePackage> pkgs = lang.end();
            if (pkgs.isEmpty()) {
                return;
            }
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            lang.add(pkgs, rel, HexFormat.of().formatHex(md.digest()));
        } catch (IOException e) {
            throw new InvalidInputException("/" + rel, "cannot read: " + e.getMessage());
        }
    }
}
