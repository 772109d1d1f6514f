package dev.ocisc.nix;

/**
 * A store path {@code <storeDir>/<32 base-32 chars>-<name>}.
 */
public record StorePath(String storeDir, String hashPart, String name) {
    public static final String DEFAULT_STORE_DIR = "/nix/store";
    public static final int HASH_LENGTH = 32;

    public static StorePath parse(String path) {
        int slash = path.lastIndexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("not a store path: '" + path + "'");
        }
        String base = path.substring(slash + 1);
        if (base.length() < HASH_LENGTH + 2 || base.charAt(HASH_LENGTH) != '-'
                || !NixBase32.isValid(base.substring(0, HASH_LENGTH))) {
            throw new IllegalArgumentException("not a store path: '" + path + "'");
        }
        return new StorePath(path.substring(0, slash), base.substring(0, HASH_LENGTH), base.substring(HASH_LENGTH + 1));
    }

    public static boolean isStorePath(String path) {
        try {
            parse(path);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
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
