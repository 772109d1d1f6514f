package dev.ocisc.diff;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which file contents a read keeps, and how much of each. The first read of a tree keeps none (only hashes),
 * so the heap stays bounded whatever the size; a second read keeps the few files whose hashes differed.
 */
final class ContentCapture {
    static final ContentCapture NONE = new ContentCapture(Set.of(), 0);

    private final Set<String> paths;
    private final int maxBytes;
    private final Map<String, Captured> captured = new TreeMap<>();

    ContentCapture(Set<String> paths, int maxBytes) {
        this.paths = Set.copyOf(paths);
        this.maxBytes = maxBytes;
    }

    boolean wants(String path) {
        return paths.contains(path);
    }

    /** The paths this read wants kept. */
    Set<String> paths() {
        return paths;
    }

    int maxBytes() {
        return maxBytes;
    }

    void put(String path, byte[] prefix, long size) {
        captured.put(path, new Captured(prefix, size));
    }

    /** A capturing read has everything it wanted and may stop early (its tree's digests are then partial). */
    boolean done() {
        return !paths.isEmpty() && complete();
    }

    boolean complete() {
        return captured.keySet().containsAll(paths);
    }

    Map<String, Captured> captured() {
        return captured;
    }

    /** The first bytes of a file (all of it when {@code bytes.length == size}). */
    record Captured(byte[] bytes, long size) {
        boolean whole() {
            return bytes.length == size;
        }
    }
}
