package dev.ocisc.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.json.JsonFields;
import dev.ocisc.json.StrictJson;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * npm packages as installed: the {@code package.json} at the top of each package directory under
 * {@code node_modules} (scoped ones under {@code node_modules/@scope/}), at any depth of nesting, as
 * {@code npm ls} walks them. Files deeper inside a package are its own business and are not read.
 */
public final class NpmPackageJsonCataloger implements LanguageCataloger {
    /** package.json of real packages are a few kilobytes; bundlers' run to a few hundred. */
    static final long MAX_PACKAGE_JSON = 4L << 20;
    private static final Pattern PACKAGE_JSON =
            Pattern.compile("(?:.*/)?node_modules/(?:@[^/]+/)?[^/@.][^/]*/package\\.json");

    @Override
    public FileScan open(String path, long size, int mode) {
        return path.endsWith("/package.json") && PACKAGE_JSON.matcher(path).matches() ? new Scan(path, size) : null;
    }

    private static final class Scan extends WholeFileScan {
        Scan(String path, long size) {
            super(path, size, MAX_PACKAGE_JSON, "an npm package.json");
        }

        @Override
        List<LanguagePackage> parse(byte[] content) {
            JsonFields f = new JsonFields(source());
            JsonNode doc = f.object(StrictJson.parse(content, source()), "package.json");
            String fullName = f.string(doc, "name", "package.json");
            String version = f.string(doc, "version", "package.json");
            if (fullName == null || version == null) {
                throw new IllegalArgumentException("no " + (fullName == null ? "name" : "version"));
            }
            return List.of(NpmName.pkg(fullName, version, null, declaredLicense(doc, f), new TreeMap<>()));
        }
    }

    /**
     * The {@code license} field: a string, or the object {@code {"type": ...}} older packages wrote; null when
     * absent (the deprecated {@code licenses} array names several and is left alone).
     */
    static String declaredLicense(JsonNode doc, JsonFields f) {
        JsonNode l = doc.get("license");
        if (l == null || l.isNull()) {
            return null;
        }
        if (l.isObject()) {
            return f.string(l, "type", "license");
        }
        return f.string(doc, "license", "package.json");
    }
}
