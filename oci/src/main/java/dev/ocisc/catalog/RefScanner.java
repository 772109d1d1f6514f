package dev.ocisc.catalog;

import java.util.HashSet;
import java.util.Set;

/**
 * Finds candidate store references the way Nix does: every run of 32 nix-base32 characters might be the hash
 * part of a store path. Since an image's set of store paths is known only after all layers are read, the
 * candidates are collected first and intersected with the real hash parts afterwards.
 */
final class RefScanner {
    private static final boolean[] BASE32 = new boolean[256];
    private static final int HASH = 32;

    static {
        for (char c : "0123456789abcdfghijklmnpqrsvwxyz".toCharArray()) {
            BASE32[c] = true;
        }
    }

    private final Set<String> candidates = new HashSet<>();
    private final long maxCandidates;
    private final char[] ring = new char[HASH];
    private int run;
    private boolean overflow;

    RefScanner(long maxCandidates) {
        this.maxCandidates = maxCandidates;
    }

    /** Starts a new piece (file content, name, link target): a hash never spans two pieces. */
    void reset() {
        run = 0;
    }

    void scan(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            if (!BASE32[c]) {
                run = 0;
                continue;
            }
            ring[run % HASH] = (char) c;
            run++;
            if (run >= HASH) {
                if (candidates.size() >= maxCandidates) {
                    overflow = true;
                    continue;
                }
                char[] w = new char[HASH];
                int start = run % HASH; // oldest char of the last 32
                for (int k = 0; k < HASH; k++) {
                    w[k] = ring[(start + k) % HASH];
                }
                candidates.add(new String(w));
            }
        }
    }

    void scan(String s) {
        reset();
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        scan(b, 0, b.length);
        reset();
    }

    Set<String> candidates() {
        return candidates;
    }

    boolean overflowed() {
        return overflow;
    }
}
