package dev.ocisc.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs every {@link LanguageCataloger} over one file at a time, as its bytes go past once: for a layer's tar
 * stream and for a store path's files on disk alike, so both find the same packages in the same files.
 */
public final class LanguageFiles {
    /** Every ecosystem source ocisc reads; a new one is a new class added here. */
    static List<LanguageCataloger> catalogers() {
        return List.of(new GoBinaryCataloger(), new GoVendorCataloger(), new CargoAuditableCataloger(),
                new CargoVendorCataloger(), new CargoLockCataloger(), new PythonDistCataloger(),
                new NpmPackageJsonCataloger(), new NpmLockCataloger(), new JarCataloger(),
                new MavenPomPropertiesCataloger());
    }

    private final List<LanguageCataloger> catalogers;
    private final List<LanguagePackage> found = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private List<LanguageCataloger.FileScan> open = List.of();

    public LanguageFiles() {
        this.catalogers = catalogers();
    }

    /**
     * Starts a regular file at {@code path} (relative, no leading {@code /}) with permission bits {@code mode};
     * whether anything reads it.
     */
    public boolean start(String path, long size, int mode) {
        List<LanguageCataloger.FileScan> scans = new ArrayList<>(catalogers.size());
        for (LanguageCataloger c : catalogers) {
            LanguageCataloger.FileScan s = c.open(path, size, mode);
            if (s != null) {
                scans.add(s);
            }
        }
        open = scans;
        return !scans.isEmpty();
    }

    public void data(byte[] buf, int off, int len) {
        for (int i = 0; i < open.size(); i++) {
            LanguageCataloger.FileScan s = open.get(i);
            if (s.wantsMore()) {
                s.data(buf, off, len);
            }
        }
    }

    /** Whether any scan of the current file still needs its bytes. */
    public boolean wantsMore() {
        for (LanguageCataloger.FileScan s : open) {
            if (s.wantsMore()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Ends the current file; what it held joins the packages found so far.
     *
     * @return the file's packages (before their evidence is set), so a caller knows whether to hash it
     */
    public List<LanguagePackage> end() {
        List<LanguagePackage> pkgs = new ArrayList<>();
        for (LanguageCataloger.FileScan s : open) {
            LanguageCataloger.Found f = s.finish();
            pkgs.addAll(f.packages());
            warnings.addAll(f.warnings());
        }
        open = List.of();
        return pkgs;
    }

    /** Records the packages of a file, with their evidence and the store path that holds the file. */
    public void add(List<LanguagePackage> pkgs, String path, String sha256) {
        String sp = CatalogHandler.storePathOf(path);
        LanguagePackage.Evidence ev = new LanguagePackage.Evidence("/" + path, sha256);
        for (LanguagePackage p : pkgs) {
            found.add(p.in(sp == null ? null : "/" + sp, ev));
        }
    }

    public List<LanguagePackage> packages() {
        return List.copyOf(found);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
