package dev.ocisc.diff;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The result of comparing A with B.
 *
 * @param a         summary of A (source, kind, digests)
 * @param b         summary of B
 * @param identical the bytes are the same (decided from digests when both are files)
 * @param findings  every difference that counts, in report order (archive first, then by path, then field)
 * @param contents  content diffs of changed files, by path
 * @param ignored   how many findings each ignored class had
 */
public record Drift(Side a, Side b, boolean identical, List<Finding> findings, List<ContentDiff> contents,
        SortedMap<DriftClass, Integer> ignored) {

    public Drift {
        findings = List.copyOf(findings);
        contents = List.copyOf(contents);
        ignored = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(ignored));
    }

    /** One input as the report names it. */
    /**
     * For an image ({@link #image()}), {@code digest} is the manifest digest (a docker-archive has none: its config
     * digest, the image ID), {@code contentDigest} the config digest and {@code entries} the layer count.
     */
    public record Side(String source, String kind, String digest, String contentDigest, int entries) {
        static Side of(Tree t) {
            return new Side(t.source(), t.kind(), t.digest(), t.contentDigest(), t.entries().size());
        }

        public boolean image() {
            return kind.startsWith("oci-") || kind.startsWith("docker-archive");
        }
    }

    /** No finding counts: identical, or identical under the ignores. */
    public boolean clean() {
        return findings.isEmpty();
    }

    /** Number of findings per class, in class order. */
    public SortedMap<DriftClass, Integer> classes() {
        SortedMap<DriftClass, Integer> m = new TreeMap<>();
        for (Finding f : findings) {
            m.merge(f.drift(), 1, Integer::sum);
        }
        return m;
    }

    public String verdict() {
        return identical ? "identical" : clean() ? "equivalent" : "drift";
    }

}
