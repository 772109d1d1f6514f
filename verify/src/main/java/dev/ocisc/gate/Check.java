package dev.ocisc.gate;

import java.util.List;

/**
 * One rule of the release gate and its outcome.
 *
 * @param id      {@code sbom}, {@code licenses}, {@code signature}, {@code subject}, {@code builder},
 *                {@code reproducible}
 * @param passed  false fails the gate
 * @param summary one line
 * @param items   what made it fail (or what was checked), sorted
 */
public record Check(String id, boolean passed, String summary, List<String> items) {
    public Check {
        items = List.copyOf(items);
    }
}
