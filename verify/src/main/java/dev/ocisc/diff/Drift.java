package dev.ocisc.diff;

import dev.ocisc.text.Noun;
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
 * @param platforms for two multi-platform indexes compared platform by platform: one line per platform of either
 *                  side, sorted; empty otherwise
 */
public record Drift(Side a, Side b, boolean identical, List<Finding> findings, List<ContentDiff> contents,
        SortedMap<DriftClass, Integer> ignored, List<PlatformDiff> platforms) {
    static final Noun DIFFERENCE = Noun.of("difference");
    private static final Noun CLASS = new Noun("class", "classes");

    public Drift {
        findings = List.copyOf(findings);
        contents = List.copyOf(contents);
        ignored = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(ignored));
        platforms = List.copyOf(platforms);
    }

    /** A comparison of one image or tree pair (no per-platform breakdown). */
    public Drift(Side a, Side b, boolean identical, List<Finding> findings, List<ContentDiff> contents,
            SortedMap<DriftClass, Integer> ignored) {
        this(a, b, identical, findings, contents, ignored, List.of());
    }

    /**
     * One platform of a per-platform index comparison.
     *
     * @param platform  {@code os/architecture[/variant]}
     * @param verdict   {@code identical}, {@code equivalent}, {@code drift}, {@code only-in-a} or {@code only-in-b}
     * @param manifestA the platform's manifest digest in A ({@code sha256:…}), "" when A has no such platform
     * @param manifestB the same for B
     * @param findings  findings that count for this platform (prefixed with it in {@link #findings()})
     */
    public record PlatformDiff(String platform, String verdict, String manifestA, String manifestB, int findings) {
    }

    /**
     * One input as the report names it. For an image ({@link #image()}), {@code digest} is the manifest digest
     * (a docker-archive has none: its config digest, the image ID), {@code contentDigest} the config digest and
     * {@code entries} the layer count. For a multi-platform index compared platform by platform ({@code platforms}
     * not empty), {@code digest} is the SHA-256 of index.json, {@code contentDigest} null and {@code entries} the
     * number of platforms.
     */
    public record Side(String source, String kind, String digest, String contentDigest, int entries) {
        static Side of(Tree t) {
            return new Side(t.source(), t.kind(), t.digest(), t.contentDigest(), t.entries().size());
        }

        public boolean image() {
            return kind.startsWith("oci-") || kind.startsWith("docker-archive") || kind.equals("registry");
        }
    }

    /**
     * The same comparison with its sides named {@code a} and {@code b}: for inputs whose own paths mean nothing to
     * the reader (a rebuild's artifacts, kept in a temporary directory that is gone when the report is read).
     */
    public Drift named(String a, String b) {
        return new Drift(new Side(a, this.a.kind(), this.a.digest(), this.a.contentDigest(), this.a.entries()),
                new Side(b, this.b.kind(), this.b.digest(), this.b.contentDigest(), this.b.entries()), identical,
                findings, contents, ignored, platforms);
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

    /** How much drift, as reports say it: "1 difference in 1 class", "5 differences in 2 classes". */
    public String extent() {
        return DIFFERENCE.count(findings.size()) + " in " + CLASS.count(classes().size());
    }

}
