package dev.ocisc.diff;

import dev.ocisc.oci.ImageForm;
import dev.ocisc.oci.ImageLocation;
import dev.ocisc.oci.ImageSource;
import dev.ocisc.oci.Layer;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.oci.Whiteout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Compares two images, cheapest evidence first: the same file bytes, or the same (verified) manifest digest, end
 * it without decompressing anything. Otherwise index.json, the manifest (docker's manifest.json) and the config
 * are compared field by field ({@link DocumentDiff}), then the layers by position: the same blob digest skips a
 * layer, the same DiffID leaves only compression drift, anything else is diffed entry by entry ({@link TreeDiff}).
 * When the layer counts differ, the file systems the layers make (whiteouts applied) are compared instead.
 *
 * <p>Findings name where they are: {@code path} is the document ({@code index.json}, {@code manifest},
 * {@code manifest.json}, {@code config}) with the JSON path as {@code field}; {@code layers[i]} (archive level) or
 * {@code layers[i]/PATH} for a layer's entries; {@code rootfs/PATH} for the flattened file systems.
 */
public final class ImageDiff {
    private final DiffOptions options;
    private final ReadOptions readOptions;

    public ImageDiff(DiffOptions options, ReadOptions readOptions) {
        this.options = options;
        this.readOptions = readOptions.withLimits(options.limits()); // one set of limits for documents and layers
    }

    public Drift diff(Path a, Path b) {
        return diff(new ImageLocation.Local(a), new ImageLocation.Local(b));
    }

    /** Two images, each on this machine or in a registry. */
    public Drift diff(ImageLocation a, ImageLocation b) {
        if (a instanceof ImageLocation.Local la && b instanceof ImageLocation.Local lb
                && Files.isRegularFile(la.path()) && Files.isRegularFile(lb.path()) && sameFileBytes(la.path(),
                        lb.path())) {
            verify(a); // the same bytes: read once, so that "identical" never vouches for an image sbom refuses
            String d = TreeReader.digest(la.path());
            return new Drift(new Drift.Side(a.toString(), "file", d, null, 0),
                    new Drift.Side(b.toString(), "file", d, null, 0), true, List.of(), List.of(), new TreeMap<>());
        }
        List<ImageSource> sources = open(a, b);
        try (ImageSource sa = sources.get(0); ImageSource sb = sources.get(1)) {
            if (readOptions.platform() == null) {
                // Without --platform, two multi-platform indexes are compared platform by platform: comparing only
                // this machine's platform would call an index identical whose other platforms drifted.
                List<ImageSide.Listing> listings = both(() -> ImageSide.list(sa, readOptions),
                        () -> ImageSide.list(sb, readOptions));
                if (listings.get(0).multiPlatform() && listings.get(1).multiPlatform()) {
                    return perPlatform(a, b, sa, sb, listings.get(0), listings.get(1));
                }
            }
            return diff(a, b, sa, sb, readOptions, true);
        }
    }

    /**
     * Both image sources, opened at once (a whole-compressed archive is decompressed here, once for the whole
     * diff); when one cannot be opened, the other is closed again and A's error wins, as if read in order.
     */
    private List<ImageSource> open(ImageLocation a, ImageLocation b) {
        return both(() -> ImageSource.open(a, readOptions), () -> ImageSource.open(b, readOptions), ImageSource::close);
    }

    /**
     * An image against a tar or directory of what it should hold: the file system the image's layers make (whiteouts
     * applied, as a runtime extracts it) against the tree. Comparing the image's own files (blobs, index.json)
     * with the tree's would say nothing about either.
     *
     * @param imageFirst whether {@code image} is the A side of the report
     */
    public Drift diffImageWithTree(Path image, Path tree, boolean imageFirst) {
        return diffImageWithTree(new ImageLocation.Local(image), tree, imageFirst);
    }

    /** {@link #diffImageWithTree(Path, Path, boolean)} for an image on this machine or in a registry. */
    public Drift diffImageWithTree(ImageLocation image, Path tree, boolean imageFirst) {
        TreeReader reader = new TreeReader(options.limits());
        try (ImageSource source = ImageSource.open(image, readOptions)) {
            ImageSide side = new ImageSide(image, source, readOptions);
            List<Object> read = both(() -> flatten(side), () -> reader.read(tree));
            Flattener.Flattened f = (Flattener.Flattened) read.get(0);
            Tree t = (Tree) read.get(1);
            java.util.function.Function<ContentCapture, Tree> fromImage = c -> reread(side, f, c);
            java.util.function.Function<ContentCapture, Tree> fromTree = c -> reader.read(tree, c);
            TreeDiff diff = new TreeDiff(options);
            return whiteoutNotes(imageFirst ? diff.diffTrees(f.tree(), t, fromImage, fromTree)
                    : diff.diffTrees(t, f.tree(), fromTree, fromImage));
        }
    }

    /** Reads every layer of the image (of each platform of an index) and verifies it, as every command does. */
    private void verify(ImageLocation image) {
        try (ImageSource source = ImageSource.open(image, readOptions)) {
            ImageSide.Listing listing = ImageSide.list(source, readOptions);
            List<ReadOptions> each = readOptions.platform() == null && listing.multiPlatform()
                    ? listing.manifests().keySet().stream().map(readOptions::withPlatform).toList()
                    : List.of(readOptions);
            for (ReadOptions o : each) {
                ImageSide side = new ImageSide(image, source, o);
                for (int i = 0; i < side.layers().size(); i++) {
                    side.layer(i);
                }
            }
        }
    }

    private Drift diff(ImageLocation a, ImageLocation b, ImageSource sa, ImageSource sb, ReadOptions opts, boolean compareIndex) {
        if (sa.registryDigest().isPresent() && sa.registryDigest().equals(sb.registryDigest())) {
            // Two references to one manifest or index: one set of documents, fetched once, stands for both.
            ImageSide x = new ImageSide(a, sa, opts);
            return diff(x, x.as(b), compareIndex);
        }
        List<ImageSide> sides = both(() -> new ImageSide(a, sa, opts), () -> new ImageSide(b, sb, opts));
        return diff(sides.get(0), sides.get(1), compareIndex);
    }

    /**
     * Two image indexes, platform by platform: platforms are paired by os/architecture/variant, one present on one
     * side only is a {@code manifest} finding, and each pair is compared as two images (identical ones from their
     * digests alone), its findings prefixed with the platform ({@code linux/arm64/layers[0]/etc/x}). index.json is
     * compared once, and only when some platform differs, as for a single image.
     */
    private Drift perPlatform(ImageLocation a, ImageLocation b, ImageSource sa, ImageSource sb, ImageSide.Listing la,
            ImageSide.Listing lb) {
        java.util.SortedSet<dev.ocisc.oci.Platform> all = new java.util.TreeSet<>(la.manifests().keySet());
        all.addAll(lb.manifests().keySet());
        List<Finding> platformFindings = new ArrayList<>();
        List<ContentDiff> contents = new ArrayList<>();
        Map<DriftClass, Integer> ignored = new EnumMap<>(DriftClass.class);
        List<Drift.PlatformDiff> platforms = new ArrayList<>();
        boolean allIdentical = true;
        for (dev.ocisc.oci.Platform p : all) {
            dev.ocisc.oci.Digest ma = la.manifests().get(p);
            dev.ocisc.oci.Digest mb = lb.manifests().get(p);
            String prefix = p.toString();
            if (ma == null || mb == null) {
                allIdentical = false;
                Finding f = new Finding(DriftClass.MANIFEST, prefix, "platform", ma == null ? "" : ma.toString(),
                        mb == null ? "" : mb.toString(), "only in " + (ma == null ? "B" : "A")
                                + ": the other index has no image for this platform");
                List<Finding> counted = options.kept(List.of(f), ignored);
                platformFindings.addAll(counted);
                platforms.add(new Drift.PlatformDiff(prefix, ma == null ? "only-in-b" : "only-in-a",
                        ma == null ? "" : ma.toString(), mb == null ? "" : mb.toString(), counted.size()));
                continue;
            }
            Drift d = diff(a, b, sa, sb, readOptions.withPlatform(p), false);
            allIdentical &= d.identical();
            d.findings().forEach(f -> platformFindings.add(prefixed(prefix, f)));
            d.contents().forEach(c -> contents.add(prefixed(prefix, c)));
            d.ignored().forEach((k, v) -> ignored.merge(k, v, Integer::sum));
            platforms.add(new Drift.PlatformDiff(prefix, d.verdict(), ma.toString(), mb.toString(),
                    d.findings().size()));
        }
        List<Finding> findings = new ArrayList<>();
        if (!allIdentical) {
            findings.addAll(options.kept(new DocumentDiff("index.json", DocumentDiff.Kind.INDEX, true)
                    .compare(la.index(), lb.index()), ignored));
        }
        findings.addAll(platformFindings);
        boolean identical = allIdentical && ignored.isEmpty();
        return new Drift(indexSide(a, la), indexSide(b, lb), identical, findings, contents, new TreeMap<>(ignored),
                platforms);
    }

    private static Drift.Side indexSide(ImageLocation p, ImageSide.Listing l) {
        return new Drift.Side(p.toString(), l.form(), dev.ocisc.oci.Digest.sha256Of(l.index()).hex(), null,
                l.manifests().size());
    }

    private Drift diff(ImageSide x, ImageSide y, boolean compareIndex) {
        List<Finding> findings = new ArrayList<>();
        List<ContentDiff> contents = new ArrayList<>();
        Map<DriftClass, Integer> ignored = new EnumMap<>(DriftClass.class);
        boolean sameManifest = x.image.hasManifest() && y.image.hasManifest()
                && x.image.manifestDigest().equals(y.image.manifestDigest());
        // index.json belongs to the layout or archive that holds the image (skopeo and umoci write it differently
        // for the same image); it counts only when the images differ.
        if (compareIndex && !sameManifest && x.index != null && y.index != null) {
            findings.addAll(new DocumentDiff("index.json", DocumentDiff.Kind.INDEX, true).compare(x.index, y.index));
        }
        boolean bothInRegistries = x.image.form() == ImageForm.REGISTRY && y.image.form() == ImageForm.REGISTRY;
        if (sameManifest && bothInRegistries) {
            // Two references to one manifest (its bytes checked against the digest): both name the same blobs by
            // digest, which the registries serve to whoever reads them; there is nothing to download to compare.
        } else if (sameManifest) {
            // The manifest names every blob by digest: B's blobs checked against it (no decompression) hold A's
            // bytes. A's layers are read once, to refuse what every command refuses (a DiffID that lies, a tar
            // that breaks the rules), so that "identical" never vouches for an image sbom would reject.
            for (int i = 0; i < x.layers().size(); i++) {
                int n = i;
                both(() -> x.layer(n), () -> y.blobDigest(n));
            }
        } else {
            if (x.manifest != null && y.manifest != null) {
                findings.addAll(new DocumentDiff("manifest", DocumentDiff.Kind.MANIFEST, true)
                        .compare(x.manifest, y.manifest));
            } else if (x.manifest != null || y.manifest != null) {
                findings.add(new Finding(DriftClass.MANIFEST, "manifest", "(document)", x.manifest != null
                        ? x.image.manifestDigest().toString() : "", y.manifest != null
                                ? y.image.manifestDigest().toString() : "",
                        "a docker-archive has no manifest blob (" + x.form() + " vs " + y.form() + ")"));
            }
            if (x.dockerManifest != null && y.dockerManifest != null) {
                findings.addAll(new DocumentDiff("manifest.json", DocumentDiff.Kind.DOCKER_MANIFEST, true)
                        .compare(x.dockerManifest, y.dockerManifest));
            }
            findings.addAll(new DocumentDiff("config", DocumentDiff.Kind.CONFIG, true).compare(x.config, y.config));
            if (x.layers().size() == y.layers().size()) {
                for (int i = 0; i < x.layers().size(); i++) {
                    Drift d = layer(x, y, i);
                    if (d != null) {
                        String prefix = "layers[" + i + "]";
                        d.findings().forEach(f -> findings.add(prefixed(prefix, f)));
                        d.contents().forEach(c -> contents.add(prefixed(prefix, c)));
                        d.ignored().forEach((k, v) -> ignored.merge(k, v, Integer::sum));
                    }
                }
            } else {
                findings.add(new Finding(DriftClass.LAYERS, "layers", "count", String.valueOf(x.layers().size()),
                        String.valueOf(y.layers().size()), "the file systems the layers make are compared below "
                                + "(rootfs/), whiteouts applied"));
                Drift d = flattened(x, y);
                d.findings().forEach(f -> findings.add(prefixed("rootfs", f)));
                d.contents().forEach(c -> contents.add(prefixed("rootfs", c)));
                d.ignored().forEach((k, v) -> ignored.merge(k, v, Integer::sum));
            }
        }
        // Layer findings were filtered by TreeDiff already; this filters the document ones.
        List<Finding> kept = options.kept(findings, ignored);
        boolean identical = sameManifest && kept.isEmpty() && ignored.isEmpty();
        return new Drift(side(x), side(y), identical, kept, contents, new TreeMap<>(ignored));
    }

    private static Drift.Side side(ImageSide s) {
        return new Drift.Side(s.path.toString(), s.form(), s.image.manifestDigest().hex(),
                s.image.configDigest().hex(), s.layers().size());
    }

    /** One layer pair, or null when the blobs are the same bytes. */
    private Drift layer(ImageSide x, ImageSide y, int i) {
        Layer la = x.layers().get(i);
        Layer lb = y.layers().get(i);
        boolean maybeSame = la.digest() != null && lb.digest() != null ? la.digest().equals(lb.digest())
                : la.diffId().equals(lb.diffId()) && x.blobSize(i) == y.blobSize(i);
        if (maybeSame && la.digest() != null && x.image.form() == ImageForm.REGISTRY
                && y.image.form() == ImageForm.REGISTRY) {
            // Registries serve a blob by its digest, so both sides name the same bytes: as for two references to
            // one manifest, there is nothing to download to compare (only layers whose digests differ are read).
            return null;
        }
        if (maybeSame) {
            List<String> digests = both(() -> x.blobDigest(i), () -> y.blobDigest(i));
            if (digests.get(0).equals(digests.get(1))) {
                // The same bytes: one read verifies both sides' declarations (DiffID, media type).
                y.verifyAs(i, x.layer(i));
                return null;
            }
        }
        List<Tree> trees = both(() -> x.layer(i), () -> y.layer(i));
        Drift d = new TreeDiff(options).diffTrees(trees.get(0), trees.get(1), c -> x.reread(i, c), c -> y.reread(i, c));
        return whiteoutNotes(d);
    }

    private Drift flattened(ImageSide x, ImageSide y) {
        List<Flattener.Flattened> fs = both(() -> flatten(x), () -> flatten(y));
        Flattener.Flattened fx = fs.get(0);
        Flattener.Flattened fy = fs.get(1);
        return whiteoutNotes(new TreeDiff(options).diffTrees(fx.tree(), fy.tree(), c -> reread(x, fx, c),
                c -> reread(y, fy, c)));
    }

    private static Flattener.Flattened flatten(ImageSide s) {
        List<Tree> layers = new ArrayList<>();
        for (int i = 0; i < s.layers().size(); i++) {
            layers.add(s.layer(i));
        }
        return Flattener.flatten(s.path.toString(), layers);
    }

    /**
     * Captures the changed files of a flattened file system: each from the layer its surviving entry came from
     * (a lower layer's copy of the path is not what the container sees). The tree the diff asked for is not
     * needed: only the captured bytes are used.
     */
    private static Tree reread(ImageSide s, Flattener.Flattened f, ContentCapture capture) {
        // Each layer is asked for the name it wrote; what it keeps is filed under where that name landed.
        Map<Integer, Map<String, String>> byLayer = new TreeMap<>();
        for (String p : capture.paths()) {
            Integer layer = f.layerOf().get(p);
            if (layer != null) {
                byLayer.computeIfAbsent(layer, k -> new TreeMap<>()).put(f.writtenAs().getOrDefault(p, p), p);
            }
        }
        Map<Integer, ContentCapture> captures = new TreeMap<>();
        byLayer.forEach((i, names) -> captures.put(i, new ContentCapture(names.keySet(), capture.maxBytes())));
        s.reread(captures);
        captures.forEach((i, c) -> c.captured().forEach((name, got) -> capture.put(byLayer.get(i).get(name),
                got.bytes(), got.size())));
        return f.tree();
    }

    /** A whiteout entry added or removed deletes a file in the image: say which. */
    private static Drift whiteoutNotes(Drift d) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : d.findings()) {
            String base = Flattener.baseName(f.path());
            if (f.drift() == DriftClass.FILES && Whiteout.is(base)) {
                String dir = f.path().substring(0, f.path().length() - base.length());
                String what = Whiteout.isOpaque(base) ? "opaque whiteout: hides every lower entry of "
                        + (dir.isEmpty() ? "/" : dir) : "whiteout: deletes " + dir
                                + Whiteout.deleted(base) + " from the layers below";
                out.add(new Finding(f.drift(), f.path(), f.field(), f.a(), f.b(), f.note() + "; " + what));
            } else {
                out.add(f);
            }
        }
        return new Drift(d.a(), d.b(), d.identical(), out, d.contents(), d.ignored());
    }

    private static Finding prefixed(String prefix, Finding f) {
        return new Finding(f.drift(), f.path().isEmpty() ? prefix : prefix + "/" + f.path(), f.field(), f.a(), f.b(),
                f.note());
    }

    private static ContentDiff prefixed(String prefix, ContentDiff c) {
        return new ContentDiff(prefix + "/" + c.path(), c.kind(), c.text(), c.sizeA(), c.sizeB(),
                c.firstDifference());
    }

    private static boolean sameFileBytes(Path a, Path b) {
        try {
            return Files.size(a) == Files.size(b) && TreeReader.digest(a).equals(TreeReader.digest(b));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** A and B at once, on a pool of their own (the common pool has one worker on a 2-core machine). */
    private static <T> List<T> both(Supplier<T> a, Supplier<T> b) {
        return both(a, b, null);
    }

    /**
     * A and B at once; with {@code release}, a side that succeeded is released again when the other failed (after
     * both have finished). A's error wins, as if read in order.
     */
    private static <T> List<T> both(Supplier<T> a, Supplier<T> b, Consumer<T> release) {
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "ocisc-image-diff");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletableFuture<T> fa = CompletableFuture.supplyAsync(a, pool);
            CompletableFuture<T> fb = CompletableFuture.supplyAsync(b, pool);
            if (release != null) {
                CompletableFuture.allOf(fa, fb).exceptionally(x -> null).join();
                if (fa.isCompletedExceptionally() || fb.isCompletedExceptionally()) {
                    fa.thenAccept(release);
                    fb.thenAccept(release);
                }
            }
            return List.of(fa.join(), fb.join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        } finally {
            pool.shutdown();
        }
    }
}
