package dev.ocisc.catalog;

import dev.ocisc.graph.InvalidInputException;
import dev.ocisc.nix.NixStore;
import dev.ocisc.nix.StorePath;
import dev.ocisc.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The language packages in store paths on disk: each regular file of each path is read through the same
 * {@link LanguageFiles} as an image layer's files, once, and only as far as a cataloger needs it, except that a
 * file with packages is read to its end for its SHA-256. Links are not followed: they lead out of the path.
 *
 * @param packages what was found, in store path and file order
 * @param warnings files that claimed to hold packages but could not be read as they claim
 */
public record StoreFiles(List<LanguagePackage> packages, List<String> warnings) {
    public StoreFiles {
        packages = List.copyOf(packages);
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads the store paths (store locations; derivations are skipped) under {@code root}, null for the
     * system store. A path that is not on disk is skipped: a graph can name paths that were never built.
     */
    public static StoreFiles scan(Path root, Collection<String> storePaths) {
        LanguageFiles lang = new LanguageFiles();
        byte[] buf = new byte[1 << 16];
        for (String sp : storePaths.stream().sorted().toList()) {
            if (StorePath.parse(sp).isDerivation()) {
                continue;
            }
            Path top = NixStore.physical(root, sp);
            if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(top)) {
                files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
            } catch (IOException e) {
                throw new InvalidInputException(sp, "cannot list its files: " + e.getMessage());
            }
            for (Path f : files) {
                String rel = sp.substring(1) + (f.equals(top) ? "" : "/" + top.relativize(f));
                read(lang, f, rel, buf);
            }
        }
        return new StoreFiles(lang.packages(), lang.warnings());
    }

    private static void read(LanguageFiles lang, Path file, String rel, byte[] buf) {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            if (!lang.start(rel, Files.size(file))) {
                return;
            }
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
