package dev.ocisc.oci.tar;

import java.util.ArrayList;
import java.util.List;

/** Names inside archives, made safe: a name that climbs out of the root is an error, never a path on disk. */
public final class Paths {
    private Paths() {
    }

    /**
     * Normalises an entry name: strips leading {@code /} and {@code ./}, collapses {@code //} and {@code .}, drops
     * a trailing {@code /}. Returns null when a {@code ..} component would leave the root (the caller reports it).
     */
    public static String normalize(String name) {
        List<String> parts = new ArrayList<>();
        for (String p : name.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                return null; // even a ".." that stays inside is refused: no writer of images needs one
            }
            parts.add(p);
        }
        return String.join("/", parts);
    }
}
