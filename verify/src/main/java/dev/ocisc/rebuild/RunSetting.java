package dev.ocisc.rebuild;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which variations one run applies. {@code index} makes varied values differ between varied runs too.
 *
 * @param label shown in reports: "control", "all", or the variation's id
 */
public record RunSetting(String label, int index, Set<Variation> varied) {
    public RunSetting {
        varied = varied.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(varied));
    }

    boolean varies(Variation v) {
        return varied.contains(v);
    }
}
