package dev.ocisc.nix;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * The environment of a {@code .drv} file, read into strings only when first asked for. It is most of a
 * derivation's bytes (in nixpkgs, kilobytes of phases and flags), yet a build closure of ten thousand
 * derivations needs it only for names and for fixed-output downloads. The parser has checked its syntax
 * already, so reading it later cannot fail. Immutable.
 */
final class DrvEnv extends AbstractMap<String, String> {
    private final byte[] drv;
    private final int start;
    /** Read on first use; a race reads it twice into equal maps, which is harmless. */
    private volatile Map<String, String> entries;

    /** @param start offset of the environment's opening {@code [} in {@code drv} */
    DrvEnv(byte[] drv, int start) {
        this.drv = drv;
        this.start = start;
    }

    private Map<String, String> entries() {
        Map<String, String> e = entries;
        if (e == null) {
            e = Collections.unmodifiableMap(DerivationParser.env(drv, start));
            entries = e;
        }
        return e;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return entries().entrySet();
    }

    /**
     * One value, without reading the rest into strings while nothing has asked for the whole map: a build closure
     * asks each derivation for its name alone.
     */
    @Override
    public String get(Object key) {
        Map<String, String> e = entries;
        if (e != null) {
            return e.get(key);
        }
        return key instanceof String k ? DerivationParser.envValue(drv, start, k) : null;
    }

    @Override
    public String getOrDefault(Object key, String defaultValue) {
        String v = get(key); // values are never null: null means absent
        return v != null ? v : defaultValue;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return entries().size();
    }
}
