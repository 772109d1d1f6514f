package dev.ocisc.nix;

/**
 * A package name split the way Nix's {@code parseDrvName} does: the version starts after the first {@code -}
 * that is followed by a character that is not a letter.
 */
public record DrvName(String name, String version) {
    /** Output names whose suffix Nix appends to the name of a non-{@code out} output path. */
    public static DrvName parse(String s) {
        for (int i = 0; i + 1 < s.length(); i++) {
            if (s.charAt(i) == '-' && !isAsciiLetter(s.charAt(i + 1))) {
                return new DrvName(s.substring(0, i), s.substring(i + 1));
            }
        }
        return new DrvName(s, "");
    }

    /**
     * Parses the name of an output path, removing the {@code -<output>} suffix Nix adds to outputs other than
     * {@code out} (from the version when there is one, else from the name).
     */
    public static DrvName ofOutput(String pathName, String output) {
        DrvName parsed = parse(pathName);
        if (output == null || output.equals("out")) {
            return parsed;
        }
        String suffix = "-" + output;
        if (parsed.version.endsWith(suffix)) {
            return new DrvName(parsed.name, parsed.version.substring(0, parsed.version.length() - suffix.length()));
        }
        if (parsed.version.isEmpty() && parsed.name.endsWith(suffix)) {
            return new DrvName(parsed.name.substring(0, parsed.name.length() - suffix.length()), "");
        }
        return parsed;
    }

    /** Output names Nix appends to the path name of a non-{@code out} output. */
    private static final java.util.List<String> OUTPUT_SUFFIXES =
            java.util.List.of("bin", "dev", "doc", "lib", "man", "info", "static", "debug", "devdoc");

    /**
     * The output a path name's suffix names ({@code foo-1.0-dev} is {@code dev}), else null: for paths whose
     * derivation is not at hand, as in an image.
     */
    public static String outputOf(String pathName) {
        DrvName d = parse(pathName);
        for (String o : OUTPUT_SUFFIXES) {
            if (d.version().endsWith("-" + o) || (d.version().isEmpty() && d.name().endsWith("-" + o))) {
                return o;
            }
        }
        return null;
    }

    /** {@code name-version}, or the name alone when there is no version. */
    public String full() {
        return version.isEmpty() ? name : name + "-" + version;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
