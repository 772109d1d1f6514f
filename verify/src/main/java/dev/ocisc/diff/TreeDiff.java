package dev.ocisc.diff;

import dev.ocisc.oci.CompressionHeader;
import dev.ocisc.oci.EntryType;
import dev.ocisc.text.Noun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Compares two trees: the archive (compression, tar encoding, order), then every entry field by field. Both
 * sides are read at once (one thread each); identical files are decided from their digests without decoding.
 * Changed files are read a second time, keeping only their bytes, to show and explain the difference.
 */
public final class TreeDiff {
    private final DiffOptions options;
    private final TreeReader reader;

    public TreeDiff(DiffOptions options) {
        this.options = options;
        this.reader = new TreeReader(options.limits());
    }

    public Drift diff(Path a, Path b) {
        if (Files.isRegularFile(a) && Files.isRegularFile(b) && sameBytes(a, b)) {
            String d = TreeReader.digest(a);
            Drift.Side sa = new Drift.Side(a.toString(), "file", d, null, 0);
            Drift.Side sb = new Drift.Side(b.toString(), "file", d, null, 0);
            return new Drift(sa, sb, true, List.of(), List.of(), new TreeMap<>());
        }
        Tree[] trees = both(() -> reader.read(a), () -> reader.read(b));
        return diff(trees[0], trees[1], a, b);
    }

    /** Compares trees already read; {@code a} and {@code b} are re-read for content only when files changed. */
    public Drift diff(Tree ta, Tree tb, Path a, Path b) {
        return diffTrees(ta, tb, a == null || b == null ? null : c -> reader.read(a, c), b == null || a == null ? null
                : c -> reader.read(b, c));
    }

    /**
     * Compares trees already read from anywhere (layer blobs of an image); {@code rereadA}/{@code rereadB} read a
     * side again keeping the given files' bytes, or are null when content is not to be shown.
     */
    Drift diffTrees(Tree ta, Tree tb, java.util.function.Function<ContentCapture, Tree> rereadA,
            java.util.function.Function<ContentCapture, Tree> rereadB) {
        List<Finding> findings = new ArrayList<>();
        Set<String> changedContent = new TreeSet<>();
        boolean identical = ta.digest() != null && ta.digest().equals(tb.digest());
        if (!identical) {
            archive(ta, tb, findings);
            entries(ta, tb, findings, changedContent);
        }
        List<ContentDiff> contents = new ArrayList<>();
        if (!changedContent.isEmpty() && rereadA != null && rereadB != null) {
            ContentCapture ca = new ContentCapture(changedContent, ContentExplainer.CAPTURE);
            ContentCapture cb = new ContentCapture(changedContent, ContentExplainer.CAPTURE);
            both(() -> rereadA.apply(ca), () -> rereadB.apply(cb));
            ContentExplainer explainer = new ContentExplainer(options.hints());
            Map<String, ContentExplainer.Explained> explained = new HashMap<>();
            for (String path : changedContent) {
                ContentCapture.Captured x = ca.captured().get(path);
                ContentCapture.Captured y = cb.captured().get(path);
                if (x != null && y != null) {
                    ContentExplainer.Explained e = explainer.explain(path, x, y);
                    explained.put(path, e);
                    contents.add(e.diff());
                }
            }
            findings = reclassify(findings, explained);
        }
        Map<DriftClass, Integer> ignored = new EnumMap<>(DriftClass.class);
        List<Finding> kept = options.kept(findings, ignored);
        Set<String> keptPaths = new TreeSet<>();
        kept.forEach(f -> keptPaths.add(f.path()));
        contents.removeIf(c -> !keptPaths.contains(c.path()));
        return new Drift(Drift.Side.of(ta), Drift.Side.of(tb), identical, kept, contents, new TreeMap<>(ignored));
    }

    /** Content findings move to the class the differing bytes show (embedded time, build path, ...). */
    private static List<Finding> reclassify(List<Finding> findings, Map<String, ContentExplainer.Explained> ex) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            ContentExplainer.Explained e = ex.get(f.path());
            if (f.drift() == DriftClass.CONTENT && e != null && e.drift() != DriftClass.CONTENT
                    && f.field().equals("sha256")) {
                out.add(new Finding(e.drift(), f.path(), f.field(), f.a(), f.b(), e.evidence()));
            } else {
                out.add(f);
            }
        }
        return out;
    }

    private static boolean sameBytes(Path a, Path b) {
        try {
            return Files.size(a) == Files.size(b) && TreeReader.digest(a).equals(TreeReader.digest(b));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private void archive(Tree a, Tree b, List<Finding> out) {
        CompressionHeader ca = a.compression();
        CompressionHeader cb = b.compression();
        if (a.digest() != null && b.digest() != null) {
            if (!ca.format().equals(cb.format())) {
                out.add(new Finding(DriftClass.COMPRESSION, "", "compression", ca.format(), cb.format(),
                        sameContent(a, b) ? "same uncompressed content" : ""));
            } else if (!ca.format().equals("none")) {
                Set<String> keys = new TreeSet<>(ca.fields().keySet());
                keys.addAll(cb.fields().keySet());
                boolean any = false;
                for (String k : keys) {
                    String x = ca.fields().getOrDefault(k, "absent");
                    String y = cb.fields().getOrDefault(k, "absent");
                    if (!x.equals(y)) {
                        out.add(new Finding(DriftClass.COMPRESSION, "", ca.format() + "." + k, x, y, ""));
                        any = true;
                    }
                }
                if (!any && sameContent(a, b)) {
                    out.add(new Finding(DriftClass.COMPRESSION, "", ca.format() + ".stream", a.digest(), b.digest(),
                            "same header and content, different compressed bytes: another level, thread count "
                                    + "or compressor implementation"));
                }
            }
        }
        if (a.encoding() != null && b.encoding() != null && !sameContent(a, b)) {
            TarEncoding x = a.encoding();
            TarEncoding y = b.encoding();
            add(out, DriftClass.ENCODING, "", "tar.format", x.format(), y.format(), "");
            add(out, DriftClass.ENCODING, "", "tar.long_names", String.join(",", x.longNameMethods()),
                    String.join(",", y.longNameMethods()), "");
            add(out, DriftClass.ENCODING, "", "tar.name_prefix", x.namePrefix(), y.namePrefix(), "");
            add(out, DriftClass.ENCODING, "", "tar.dir_trailing_slash", x.dirTrailingSlash(), y.dirTrailingSlash(),
                    "");
            add(out, DriftClass.ENCODING, "", "tar.root_entry", String.valueOf(x.rootEntry()),
                    String.valueOf(y.rootEntry()), "");
            add(out, DriftClass.ENCODING, "", "tar.global_pax", String.valueOf(x.globalPax()),
                    String.valueOf(y.globalPax()), "");
            add(out, DriftClass.ENCODING, "", "tar.end_marker_blocks", String.valueOf(x.endMarker()),
                    String.valueOf(y.endMarker()), x.endMarker() == 0 || y.endMarker() == 0
                            ? "an archive without the end-of-archive marker" : "");
            add(out, DriftClass.ENCODING, "", "tar.trailing_bytes", String.valueOf(x.trailingBytes()),
                    String.valueOf(y.trailingBytes()), "end marker plus padding (GNU tar pads to 10240)");
        }
        if (!a.duplicates().equals(b.duplicates())) {
            add(out, DriftClass.FILES, "", "duplicate_paths", String.join(",", a.duplicates()),
                    String.join(",", b.duplicates()), "");
        }
    }

    private static boolean sameContent(Tree a, Tree b) {
        return a.contentDigest() != null && a.contentDigest().equals(b.contentDigest());
    }

    private void entries(Tree a, Tree b, List<Finding> out, Set<String> changedContent) {
        if (sameContent(a, b)) {
            return;
        }
        Map<String, Entry> ma = byPath(a);
        Map<String, Entry> mb = byPath(b);
        if (a.ordered() && b.ordered()) {
            order(a, b, ma, mb, out);
        }
        boolean sameKind = a.kind().equals(b.kind());
        Set<String> paths = new TreeSet<>(ma.keySet());
        paths.addAll(mb.keySet());
        for (String p : paths) {
            Entry x = ma.get(p);
            Entry y = mb.get(p);
            if (x == null) {
                out.add(new Finding(DriftClass.FILES, p, "entry", "", describe(y), "only in B"));
            } else if (y == null) {
                out.add(new Finding(DriftClass.FILES, p, "entry", describe(x), "", "only in A"));
            } else {
                fields(x, y, sameKind, out, changedContent);
            }
        }
    }

    private Map<String, Entry> byPath(Tree t) {
        Map<String, Entry> m = new LinkedHashMap<>();
        for (Entry e : t.entries()) {
            if (!options.pathIgnored(e.path())) {
                m.put(e.path(), e);
            }
        }
        return m;
    }

    private static String describe(Entry e) {
        return e.type().label() + (e.type() == EntryType.FILE ? ", " + Noun.of("byte").count(e.size()) : "")
                + (e.linkTarget() != null ? " -> " + e.linkTarget() : "");
    }

    private static void fields(Entry x, Entry y, boolean sameKind, List<Finding> out, Set<String> changed) {
        String p = x.path();
        add(out, DriftClass.CONTENT, p, "type", x.type().label(), y.type().label(), "");
        if (x.permissions() != y.permissions()) {
            long delta = x.permissions() ^ y.permissions();
            String note = (delta & ~0022L) == 0 ? "differs only in group/other write bits: umask 002 vs 022"
                    : (delta & ~0077L) == 0 ? "differs only in group/other bits: a different umask" : "";
            out.add(new Finding(DriftClass.PERMISSIONS, p, "mode", octal(x.permissions()), octal(y.permissions()),
                    note));
        } else if (sameKind && x.mode() != y.mode()) {
            out.add(new Finding(DriftClass.ENCODING, p, "mode", octal(x.mode()), octal(y.mode()),
                    "same permissions, different redundant file-type bits in the mode field"));
        }
        add(out, DriftClass.OWNERSHIP, p, "uid", String.valueOf(x.uid()), String.valueOf(y.uid()), "");
        add(out, DriftClass.OWNERSHIP, p, "gid", String.valueOf(x.gid()), String.valueOf(y.gid()), "");
        // A tar written with --numeric-owner has no names; against a directory that is absence, not drift.
        if (sameKind || (!x.uname().isEmpty() && !y.uname().isEmpty())) {
            add(out, DriftClass.OWNERSHIP, p, "uname", x.uname(), y.uname(), "");
        }
        if (sameKind || (!x.gname().isEmpty() && !y.gname().isEmpty())) {
            add(out, DriftClass.OWNERSHIP, p, "gname", x.gname(), y.gname(), "");
        }
        if (x.mtime() != y.mtime() || (sameKind && x.mtimeNanos() != y.mtimeNanos())) {
            out.add(new Finding(DriftClass.TIMESTAMPS, p, "mtime", time(x), time(y), ""));
        }
        if (x.type() == y.type() && x.type() == EntryType.FILE) {
            add(out, DriftClass.CONTENT, p, "size", String.valueOf(x.size()), String.valueOf(y.size()), "");
            if (!Objects.equals(x.sha256(), y.sha256())) {
                out.add(new Finding(DriftClass.CONTENT, p, "sha256", x.sha256(), y.sha256(), ""));
                changed.add(p);
            }
        }
        add(out, DriftClass.CONTENT, p, "link", Objects.toString(x.linkTarget(), ""),
                Objects.toString(y.linkTarget(), ""), "");
        Set<String> keys = new TreeSet<>(x.records().keySet());
        keys.addAll(y.records().keySet());
        for (String k : keys) {
            DriftClass c = k.equals("atime") || k.equals("ctime") ? DriftClass.TIMESTAMPS : DriftClass.METADATA;
            add(out, c, p, "pax." + k, x.records().getOrDefault(k, ""), y.records().getOrDefault(k, ""),
                    c == DriftClass.TIMESTAMPS ? "GNU tar --format=posix records the wall-clock atime/ctime" : "");
        }
        add(out, DriftClass.METADATA, p, "devmajor", String.valueOf(x.devMajor()), String.valueOf(y.devMajor()), "");
        add(out, DriftClass.METADATA, p, "devminor", String.valueOf(x.devMinor()), String.valueOf(y.devMinor()), "");
    }

    /** Entry order over the paths both sides hold: how many entries moved, and where the orders first part. */
    private static void order(Tree a, Tree b, Map<String, Entry> ma, Map<String, Entry> mb, List<Finding> out) {
        List<String> orderA = new ArrayList<>();
        for (String p : ma.keySet()) {
            if (mb.containsKey(p)) {
                orderA.add(p);
            }
        }
        Map<String, Integer> rankA = new HashMap<>();
        for (int i = 0; i < orderA.size(); i++) {
            rankA.put(orderA.get(i), i);
        }
        List<String> orderB = new ArrayList<>();
        for (String p : mb.keySet()) {
            if (rankA.containsKey(p)) {
                orderB.add(p);
            }
        }
        int first = -1;
        for (int i = 0; i < orderA.size(); i++) {
            if (!orderA.get(i).equals(orderB.get(i))) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return;
        }
        int[] seq = new int[orderB.size()];
        for (int i = 0; i < seq.length; i++) {
            seq[i] = rankA.get(orderB.get(i));
        }
        int moved = seq.length - longestIncreasing(seq);
        out.add(new Finding(DriftClass.ORDER, "", "order", "#" + first + " " + orderA.get(first),
                "#" + first + " " + orderB.get(first), moved + " of " + seq.length
                        + " common entries out of order; the orders first differ at position " + first));
    }

    private static int longestIncreasing(int[] seq) {
        int[] tails = new int[seq.length];
        int len = 0;
        for (int v : seq) {
            int lo = 0;
            int hi = len;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (tails[mid] < v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            tails[lo] = v;
            if (lo == len) {
                len++;
            }
        }
        return len;
    }

    private static void add(List<Finding> out, DriftClass c, String path, String field, String a, String b,
            String note) {
        if (!a.equals(b)) {
            out.add(new Finding(c, path, field, a, b, note));
        }
    }

    private static String octal(long mode) {
        return String.format("%04o", mode);
    }

    private static String time(Entry e) {
        String s = java.time.Instant.ofEpochSecond(e.mtime(), e.mtimeNanos()).toString();
        return e.mtime() + (e.mtimeNanos() != 0 ? String.format(".%09d", e.mtimeNanos()) : "") + " (" + s + ")";
    }

    @SafeVarargs
    private static Tree[] both(java.util.function.Supplier<Tree>... readers) {
        // A pool of its own: the common pool has one worker on a 2-core machine, which would serialise A and B.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                readers.length, r -> {
                    Thread t = new Thread(r, "ocisc-diff-read");
                    t.setDaemon(true);
                    return t;
                });
        List<CompletableFuture<Tree>> fs = new ArrayList<>();
        for (var r : readers) {
            fs.add(CompletableFuture.supplyAsync(r, pool));
        }
        pool.shutdown();
        Tree[] out = new Tree[fs.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = fs.get(i).join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw e;
            }
        }
        return out;
    }
}
