package dev.ocisc.catalog;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.nix.StorePath;
import dev.ocisc.oci.EntryHandler;
import dev.ocisc.oci.EntryType;
import dev.ocisc.oci.FileListing;
import dev.ocisc.oci.Limits;
import dev.ocisc.oci.TarEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** One read of a layer for the catalog: file listing, NAR hashes and reference candidates, package databases. */
final class CatalogHandler implements EntryHandler<LayerCatalog> {
    static final String STORE_DB = "nix/var/nix/db/db.sqlite";
    private static final long MAX_CANDIDATES = 200_000; // per store path: ~20 MB of strings at most

    private final FileListing listing = new FileListing();
    private final LanguageFiles languages = new LanguageFiles();
    private boolean languageFile;
    private final Map<String, NarHasher> nars = new HashMap<>();
    private final Map<String, StorePathScan> done = new HashMap<>();
    private final Map<String, byte[]> captured = new HashMap<>();
    private final Limits limits;
    private final String source;
    /** Bytes of file content kept by every layer's handler of one image: memory and the store database copy. */
    private final AtomicLong kept;
    private NarHasher currentNar;
    private TarEntry current;
    private ByteArrayOutputStream capture;
    private OutputStream dbOut;
    private Path storeDb;

    /**
     * @param kept shared by the handlers of one image: what they keep counts against one cap, however many
     *             package databases the layers hold
     */
    CatalogHandler(Limits limits, String source, AtomicLong kept) {
        this.limits = limits;
        this.source = source;
        this.kept = kept;
    }

    /** Files whose contents a catalog reads: package databases, os-release, Debian copyright files. */
    static boolean captures(String path) {
        return isCopyright(path) || path.equals("var/lib/dpkg/status") || path.equals("lib/apk/db/installed")
                || path.equals("usr/lib/apk/db/installed") || path.equals("etc/os-release")
                || path.equals("usr/lib/os-release")
                || (path.startsWith("var/lib/dpkg/status.d/") && path.indexOf('/', 22) < 0);
    }

    /** {@code usr/share/doc/PKG/copyright}: where Debian policy (12.5) puts a package's copyright file. */
    static boolean isCopyright(String path) {
        return path.startsWith("usr/share/doc/") && path.endsWith("/copyright")
                && path.indexOf('/', 14) == path.length() - 10;
    }

    /** {@code nix/store/<base>} when {@code path} is in a store path, else null. */
    static String storePathOf(String path) {
        if (!path.startsWith("nix/store/")) {
            return null;
        }
        int slash = path.indexOf('/', 10);
        String top = slash < 0 ? path : path.substring(0, slash);
        return StorePath.isStorePath("/" + top) ? top : null;
    }

    @Override
    public void entry(TarEntry e) {
        listing.entry(e);
        current = e;
        String sp = storePathOf(e.path());
        currentNar = null;
        if (sp != null) {
            currentNar = nars.computeIfAbsent(sp, k -> new NarHasher(k, MAX_CANDIDATES));
            currentNar.entry(e);
        }
        try {
            languageFile = e.type() == EntryType.FILE && languages.start(e.path(), e.size(), e.mode());
        } catch (InvalidInputException ex) {
            throw inImage(ex);
        }
        if (e.type() == EntryType.FILE && isCopyright(e.path()) && e.size() > DebianCopyright.MAX_BYTES) {
            // not kept: the package gets no licence, and the catalog says why
        } else if (e.type() == EntryType.FILE && captures(e.path())) {
            if (e.size() > limits.maxCapturedFileBytes()) {
                throw new InvalidInputException(source, e.path() + " is " + e.size() + " bytes, above the "
                        + limits.maxCapturedFileBytes() + "-byte limit for package databases");
            }
            capture = new ByteArrayOutputStream((int) e.size());
        }
        if (e.type() == EntryType.FILE && e.path().equals(STORE_DB)) {
            try {
                storeDb = Files.createTempFile("ocisc-image-db", ".sqlite");
                storeDb.toFile().deleteOnExit();
                dbOut = Files.newOutputStream(storeDb);
            } catch (IOException ex) {
                throw new InvalidInputException(source, "cannot copy " + STORE_DB + ": " + ex.getMessage());
            }
        }
    }

    @Override
    public void data(byte[] buf, int off, int len) {
        listing.data(buf, off, len);
        if (currentNar != null) {
            currentNar.data(buf, off, len);
        }
        if (languageFile) {
            try {
                languages.data(buf, off, len);
            } catch (InvalidInputException ex) {
                throw inImage(ex);
            }
        }
        if ((capture != null || dbOut != null) && kept.addAndGet(len) > limits.maxCapturedFileBytes()) {
            throw new InvalidInputException(source, "package databases, copyright files and the store database hold "
                    + "more than " + limits.maxCapturedFileBytes() + " bytes together (limit)");
        }
        if (capture != null) {
            capture.write(buf, off, len);
        }
        if (dbOut != null) {
            try {
                dbOut.write(buf, off, len);
            } catch (IOException ex) {
                throw new InvalidInputException(source, "cannot copy " + STORE_DB + ": " + ex.getMessage());
            }
        }
    }

    @Override
    public void endEntry() {
        listing.endEntry();
        if (currentNar != null) {
            currentNar.endEntry(current);
        }
        if (languageFile) {
            languageFile = false;
            java.util.List<LanguagePackage> pkgs;
            try {
                pkgs = languages.end();
            } catch (InvalidInputException ex) {
                throw inImage(ex);
            }
            if (!pkgs.isEmpty()) {
                languages.add(pkgs, current.path(), listing.sha256Of(current.path()));
            }
        }
        if (capture != null) {
            captured.put(current.path(), capture.toByteArray());
            capture = null;
        }
        if (dbOut != null) {
            try {
                dbOut.close();
            } catch (IOException ex) {
                throw new InvalidInputException(source, "cannot copy " + STORE_DB + ": " + ex.getMessage());
            }
            dbOut = null;
        }
    }

    /** A file's problem (it names the file) as the image's: the image is what the user gave. */
    private InvalidInputException inImage(InvalidInputException ex) {
        return new InvalidInputException(source, ex.getMessage(), ex);
    }

    @Override
    public LayerCatalog finish() {
        for (Map.Entry<String, NarHasher> n : nars.entrySet()) {
            StorePathScan s = n.getValue().finish();
            done.put(s.path(), s);
        }
        return new LayerCatalog(listing.finish(), done, captured, storeDb, languages.packages(),
                languages.warnings());
    }
}
