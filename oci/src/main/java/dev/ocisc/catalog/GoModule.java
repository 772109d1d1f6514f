package dev.ocisc.catalog;

import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A Go module as Go's build info and vendor/modules.txt name it: path, version, the {@code h1:} sum when Go
 * recorded one, and what replaced it ({@code =>}).
 *
 * @param version     as Go writes it: a semantic version, a pseudo-version, {@code (devel)}, or empty (a
 *                    directory replacement in modules.txt)
 * @param sum         {@code h1:...}, or empty
 * @param replacement the module built in its place, or null
 */
record GoModule(String path, String version, String sum, GoModule replacement) {
    // golang.org/x/mod/semver's IsValid: vMAJOR[.MINOR[.PATCH[-PRERELEASE][+BUILD]]].
    private static final Pattern SEMVER = Pattern.compile("v(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*)"
            + "(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?)?)?");

    // golang.org/x/mod/module's path characters (letters, digits, - . _ ~, and + in import paths), non-empty
    // elements: what the go command writes; anything else in a file is not a module path.
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9._~+-]+(/[A-Za-z0-9._~+-]+)*");
    // Versions are written by the go command: semver, pseudo-versions, (devel), or nothing.
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._~+()-]*");

    /** Whether {@code path} and {@code version} could have been written by the go command for a module. */
    static boolean isWellFormed(String path, String version) {
        return path.length() <= 4096 && PATH.matcher(path).matches() && version.length() <= 1024
                && VERSION.matcher(version).matches();
    }

    static boolean isSemver(String v) {
        return SEMVER.matcher(v).matches();
    }

    /** modfile.IsDirectoryPath: a replacement by a local directory, which Go versions {@code (devel)} or not at all. */
    static boolean isDirectory(String path) {
        return path.startsWith("./") || path.startsWith("../") || path.startsWith("/") || path.equals(".")
                || path.equals("..") || path.startsWith(".\\") || path.startsWith("..\\")
                || (path.length() >= 2 && path.charAt(1) == ':' && Character.isLetter(path.charAt(0)));
    }

    GoModule replacedBy(GoModule r) {
        return new GoModule(path, version, sum, r);
    }

    /**
     * As a found package. A module replaced by another module version is that version (the code that was built,
     * what a vulnerability database knows), noting what it replaced; a module replaced by a directory keeps its
     * own identity, noting the directory: Go records nothing else, and nothing is guessed.
     */
    LanguagePackage toPackage(boolean main) {
        TreeMap<String, String> props = new TreeMap<>();
        GoModule id = this;
        if (replacement != null) {
            if (isDirectory(replacement.path)) {
                props.put("golang:replaced_by", replacement.version.isEmpty() ? replacement.path
                        : replacement.path + " " + replacement.version);
            } else {
                id = replacement;
                props.put("golang:replaces", path + " " + version);
            }
        }
        int slash = id.path.lastIndexOf('/');
        String namespace = slash < 0 ? null : id.path.substring(0, slash);
        String name = id.path.substring(slash + 1);
        return new LanguagePackage("golang", namespace, name, id.version, id.sum.isEmpty() ? null : id.sum, main,
                null, null, props);
    }
}
