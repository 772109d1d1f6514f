package dev.ocisc.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.json.JsonFields;
import dev.ocisc.json.StrictJson;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * npm packages as a lock file pins them ({@code package-lock.json}, {@code npm-shrinkwrap.json}, lockfileVersion 2
 * and 3): each {@code packages} entry under a {@code node_modules/} key, with its {@code integrity} (the
 * {@code sha512-...} hash npm checks the tarball against) and {@code resolved}; the root entry is the project
 * itself. Links (workspaces) are listed again under their target and are skipped. Version 1 files have no
 * {@code packages}: a warning, not a guess from their nested {@code dependencies}.
 */
public final class NpmLockCataloger implements LanguageCataloger {
    /** The largest monorepo lock files are tens of megabytes. */
    static final long MAX_LOCK = 64L << 20;
    private static final Pattern LOCK = Pattern.compile("(?:.*/)?(?:package-lock|npm-shrinkwrap)\\.json");
    private static final String NM = "node_modules/";

    @Override
    public FileScan open(String path, long size, int mode) {
        return path.endsWith(".json") && LOCK.matcher(path).matches() ? new Scan(path, size) : null;
    }

    private static final class Scan extends WholeFileScan {
        Scan(String path, long size) {
            super(path, size, MAX_LOCK, "an npm lock file");
        }

        @Override
        List<LanguagePackage> parse(byte[] content) {
            JsonFields f = new JsonFields(source());
            List<LanguagePackage> out = new ArrayList<>();
            // Entries are read one at a time: a lock file of a million lines is never one tree.
            JsonNode rest = StrictJson.parseStreaming(content, source(), "packages", (key, value) -> {
                LanguagePackage p = entry(f, key, value);
                if (p != null) {
                    out.add(p);
                }
            });
            long v = f.integer(rest, "lockfileVersion", "lock file", 0);
            if (v < 2) {
                throw new IllegalArgumentException("lockfileVersion " + v + " has no \"packages\" (npm 7 and later "
                        + "write version 2 or 3)");
            }
            return out;
        }

        /** The package of one {@code packages} entry, or null when it is none (a workspace, a link, a warning). */
        private LanguagePackage entry(JsonFields f, String key, JsonNode value) {
            String where = "packages." + StrictJson.quote(key);
            JsonNode entry = f.object(value, where);
            int nm = key.lastIndexOf(NM);
            boolean root = key.isEmpty();
            if ((nm < 0 && !root) || f.bool(entry, "link", where, false)) {
                return null; // a workspace folder, or a link to one: the project's own code
            }
            String name = f.string(entry, "name", where, root ? null : key.substring(nm + NM.length()));
            String version = f.string(entry, "version", where);
            if (name == null || version == null) {
                if (!root) {
                    warn(where + " has no " + (name == null ? "name" : "version") + "; left out");
                }
                return null; // a project without a name or version is no package
            }
            TreeMap<String, String> props = new TreeMap<>();
            String resolved = f.string(entry, "resolved", where);
            if (resolved != null) {
                props.put("npm:resolved", resolved);
            }
            if (f.bool(entry, "dev", where, false)) {
                props.put("npm:dev", "true");
            }
            if (f.bool(entry, "optional", where, false)) {
                props.put("npm:optional", "true");
            }
            try {
                LanguagePackage p = NpmName.pkg(name, version, f.string(entry, "integrity", where),
                        NpmPackageJsonCataloger.declaredLicense(entry, f), props);
                return root ? new LanguagePackage(p.ecosystem(), p.namespace(), p.name(), p.version(),
                        p.recordedHash(), p.license(), true, null, null, p.properties()) : p;
            } catch (IllegalArgumentException x) {
                warn(where + ": " + x.getMessage() + "; left out");
                return null;
            }
        }
    }
}
