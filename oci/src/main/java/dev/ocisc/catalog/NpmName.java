package dev.ocisc.catalog;

import java.util.TreeMap;
import java.util.regex.Pattern;

/** npm package names: {@code name} or {@code @scope/name}, the scope being the purl namespace. */
final class NpmName {
    /** npm's own rule (validate-npm-package-name) is looser; this is what any published name matches. */
    private static final Pattern NAME = Pattern.compile("(@[^/@\\s]+/)?[^/@\\s][^/\\s]*");

    private NpmName() {
    }

    /** @throws IllegalArgumentException when {@code fullName} is not a package name */
    static LanguagePackage pkg(String fullName, String version, String integrity, String declaredLicense,
            TreeMap<String, String> properties) {
        if (!NAME.matcher(fullName).matches() || fullName.length() > 214) {
            throw new IllegalArgumentException("not an npm package name: " + WholeFileScan.shown(fullName));
        }
        if (version.isEmpty()) {
            throw new IllegalArgumentException(fullName + " has an empty version");
        }
        int slash = fullName.indexOf('/');
        String scope = fullName.startsWith("@") ? fullName.substring(0, slash) : null;
        String name = scope == null ? fullName : fullName.substring(slash + 1);
        return WholeFileScan.declared("npm", scope, name, version, integrity, declaredLicense, properties);
    }
}
