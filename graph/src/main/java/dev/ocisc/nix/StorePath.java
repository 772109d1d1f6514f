package dev.ocisc.nix;

/**
 * A store path {@code /nix/store/<32 base-32 chars>-<name>}, by Nix's own rules: the name is 1 to 211 of
 * {@code A-Z a-z 0-9 + - . _ ? =}. So a store path has no slash, {@code ..} component or control character after
 * the store directory, and can be resolved under a store root without leaving it; every path a document names
 * is checked against this before any file is touched.
 */
public record StorePath(String storeDir, String hashPart, String name) {
    public static final String DEFAULT_STORE_DIR = "/nix/store";
    public static final int HASH_LENGTH = 32;
    /** Nix refuses longer names (the base name then stays within a file system's 255 bytes). */
    public static final int MAX_NAME_LENGTH = 211;

    public static StorePath parse(String path) {
        String prefix = DEFAULT_STORE_DIR + "/";
        if (!path.startsWith(prefix) || !isBaseName(path, prefix.length(), path.length())) {
            throw new IllegalArgumentException("not a store path: '" + path + "'");
        }
        String base = path.substring(prefix.length());
        return new StorePath(DEFAULT_STORE_DIR, base.substring(0, HASH_LENGTH), base.substring(HASH_LENGTH + 1));
    }

    public static boolean isStorePath(String path) {
        String prefix = DEFAULT_STORE_DIR + "/";
        return path.startsWith(prefix) && isBaseName(path, prefix.length(), path.length());
    }

    /**
     * A store path or a file below one ({@code /nix/store/HASH-NAME/sub/file}) with no {@code ..} component: where
     * a target may point, resolved under a store root without leaving it.
     */
    public static boolean isStoreLocation(String path) {
        String prefix = DEFAULT_STORE_DIR + "/";
        if (!path.startsWith(prefix)) {
            return false;
        }
        int slash = path.indexOf('/', prefix.length());
        if (!isBaseName(path, prefix.length(), slash < 0 ? path.length() : slash)) {
            return false;
        }
        return slash < 0 || !("/" + path.substring(slash) + "/").contains("/../");
    }

    /** Whether {@code s[from, to)} is {@code <hash>-<name>} by Nix's rules. */
    private static boolean isBaseName(String s, int from, int to) {
        int nameLength = to - from - HASH_LENGTH - 1;
        if (nameLength < 1 || nameLength > MAX_NAME_LENGTH || s.charAt(from + HASH_LENGTH) != '-'
                || !NixBase32.isValid(s, from, from + HASH_LENGTH)) {
            return false;
        }
        for (int i = from + HASH_LENGTH + 1; i < to; i++) {
            char c = s.charAt(i);
            if (c >= NAME_CHARS.length || !NAME_CHARS[c]) {
                return false;
            }
        }
        return true;
    }

    /** The characters of a name, by code: a table, since every path of a large closure is checked. */
    private static final boolean[] NAME_CHARS = new boolean[128];

    static {
        for (char c = 0; c < NAME_CHARS.length; c++) {
            NAME_CHARS[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '-' || c == '.' || c == '_' || c == '?' || c == '=';
        }
    }

    public boolean isDerivation() {
        return name.endsWith(".drv");
    }

    /** The name without {@code .drv} for derivations. */
    public String packageName() {
        return isDerivation() ? name.substring(0, name.length() - 4) : name;
    }

    public String baseName() {
        return hashPart + "-" + name;
    }

    @Override
    public String toString() {
        return storeDir + "/" + baseName();
    }
}
