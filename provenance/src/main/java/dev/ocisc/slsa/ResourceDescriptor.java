package dev.ocisc.slsa;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An SLSA/in-toto ResourceDescriptor for one resolved dependency.
 *
 * @param downloadLocation where a fixed-output source says its bytes come from, else null
 * @param annotations      string values, except {@code urls}, a list of strings
 */
public record ResourceDescriptor(String uri, String name, SortedMap<String, String> digest, String downloadLocation,
        SortedMap<String, Object> annotations) {
    public ResourceDescriptor {
        digest = Collections.unmodifiableSortedMap(new TreeMap<>(digest));
        TreeMap<String, Object> a = new TreeMap<>();
        annotations.forEach((k, v) -> {
            if (!(v instanceof String) && !(v instanceof List<?>)) {
                throw new IllegalArgumentException("annotation " + k + " must be a string or a list");
            }
            a.put(k, v instanceof List<?> l ? List.copyOf(l) : v);
        });
        annotations = Collections.unmodifiableSortedMap(a);
    }
}
