package dev.ocisc.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs one cataloger over the regular files of a directory tree, in path order, as a store path's scan does:
 * each file's bytes pushed through once, in small chunks, with its SHA-256 as the evidence.
 */
record CatalogerRun(List<LanguagePackage> packages, List<String> warnings) {

    static CatalogerRun tree(Path root, LanguageCataloger c) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<LanguagePackage> pkgs = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Path f : files) {
            String rel = root.relativize(f).toString();
            try {
                int mode = 0;
                for (PosixFilePermission perm : Files.getPosixFilePermissions(f, LinkOption.NOFOLLOW_LINKS)) {
                    mode |= 1 << (8 - perm.ordinal()); // OWNER_READ is 0400 ... OTHERS_EXECUTE is 0001
                }
                LanguageCataloger.FileScan scan = c.open(rel, Files.size(f), mode);
                if (scan == null) {
                    continue;
                }
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[8192];
                try (InputStream in = Files.newInputStream(f)) {
                    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                        sha.update(buf, 0, n);
                        if (scan.wantsMore()) {
                            scan.data(buf, 0, n);
                        }
                    }
                }
                LanguageCataloger.Found found = scan.finish();
                LanguagePackage.Evidence ev = new LanguagePackage.Evidence("/" + rel,
                        HexFormat.of().formatHex(sha.digest()));
                found.packages().forEach(p -> pkgs.add(p.in(null, ev)));
                warnings.addAll(found.warnings());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return new CatalogerRun(pkgs, warnings);
    }

    /** One file's bytes through a cataloger, as an executable (mode 0755). */
    static CatalogerRun bytes(String path, byte[] content, LanguageCataloger c) {
        LanguageCataloger.FileScan scan = c.open(path, content.length, 0755);
        if (scan == null) {
            return new CatalogerRun(List.of(), List.of());
        }
        for (int off = 0; off < content.length && scan.wantsMore(); off += 8192) {
            scan.data(content, off, Math.min(8192, content.length - off));
        }
        LanguageCataloger.Found f = scan.finish();
        return new CatalogerRun(f.packages(), f.warnings());
    }
}
