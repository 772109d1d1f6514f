package dev.ocisc.slsa;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** An artifact the statement is about, matched by any of its digests (algorithm to lowercase hex). */
public record Subject(String name, SortedMap<String, String> digest) {
    public Subject {
        if (digest.isEmpty()) {
            throw new IllegalArgumentException("a subject needs a digest: " + name);
        }
        digest = Collections.unmodifiableSortedMap(new TreeMap<>(digest));
    }
}
