package dev.ocisc.catalog;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.graph.Edge;
import dev.ocisc.graph.Graph;
import dev.ocisc.graph.Node;
import dev.ocisc.graph.NodeKind;
import dev.ocisc.graph.Usage;
import dev.ocisc.nix.DrvName;
import dev.ocisc.nix.PathInfo;
import dev.ocisc.nix.PathInfoSource;
import dev.ocisc.nix.StoreDatabase;
import dev.ocisc.nix.StorePath;
import dev.ocisc.oci.EntryType;
import dev.ocisc.oci.FileEntry;
import dev.ocisc.oci.Filesystem;
import dev.ocisc.oci.Image;
import dev.ocisc.oci.ImageConfig;
import dev.ocisc.oci.ImageReader;
import dev.ocisc.oci.LayerRead;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.oci.ScannedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything found inside an image: its Nix store paths (with NAR hashes and references), the OS packages its
 * package databases record, and warnings about what could not be established.
 */
public record ImageCatalog(Image image, List<LayerRead<LayerCatalog>> layers, Filesystem filesystem,
        List<NixStorePath> storePaths, List<FoundPackage> packages, List<LayerPackage> languagePackages,
        Map<String, String> osRelease, List<String> warnings) {

    private static final Pattern HISTORY_PATH = Pattern.compile("'(/nix/store/[^']+)'");

    public ImageCatalog {
        layers = List.copyOf(layers);
        storePaths = List.copyOf(storePaths);
        packages = List.copyOf(packages);
        languagePackages = List.copyOf(languagePackages);
        osRelease = Map.copyOf(osRelease);
        warnings = List.copyOf(warnings);
    }

    /** Reads the image once and catalogs it. */
    public static ImageCatalog of(Path path, ReadOptions opts) {
        return of(new dev.ocisc.oci.ImageLocation.Local(path), opts);
    }

    /** Reads the image, on disk or in a registry, once and catalogs it. */
    public static ImageCatalog of(dev.ocisc.oci.ImageLocation location, ReadOptions opts) {
        return of(location, opts, null, null);
    }

    /**
     * Reads the image once and catalogs it; the store paths its nix-snapshotter layers name but do not ship get
     * their NAR hashes, references and derivers from {@code store} (null: they stay unknown).
     *
     * @param storeName names {@code store} in warnings
     */
    public static ImageCatalog of(Path path, ReadOptions opts, PathInfoSource store, String storeName) {
        return of(new dev.ocisc.oci.ImageLocation.Local(path), opts, store, storeName);
    }

    /** As {@link #of(Path, ReadOptions, PathInfoSource, String)}, for an image on disk or in a registry. */
    public static ImageCatalog of(dev.ocisc.oci.ImageLocation location, ReadOptions opts, PathInfoSource store,
            String storeName) {
        java.util.concurrent.atomic.AtomicLong kept = new java.util.concurrent.atomic.AtomicLong();
        ScannedImage<LayerCatalog> scanned = ImageReader.read(location, opts,
                () -> new CatalogHandler(opts.limits(), location.toString(), kept));
        try {
            return build(scanned, store, storeName);
        } finally {
            for (LayerRead<LayerCatalog> l : scanned.layers()) {
                if (l.result().storeDb() != null) {
                    try {
                        Files.deleteIfExists(l.result().storeDb());
                    } catch (java.io.IOException ignored) {
                        // a temp file; deleteOnExit is the fallback
                    }
                }
            }
        }
    }

    static ImageCatalog build(ScannedImage<LayerCatalog> scanned) {
        return build(scanned, null, null);
    }

    static ImageCatalog build(ScannedImage<LayerCatalog> scanned, PathInfoSource store, String storeName) {
        Image image = scanned.image();
        List<LayerRead<LayerCatalog>> layers = scanned.layers();
        Filesystem fs = Filesystem.flatten(layers.stream().map(l -> l.result().listing()).toList(), image.source());
        List<String> warnings = new ArrayList<>();
        Map<String, String> os = osRelease(fs, layers);
        Map<String, Integer> annotated = SnapshotterClosure.annotated(image, warnings);
        List<NixStorePath> nix = new ArrayList<>(storePaths(image, fs, layers,
                SnapshotterClosure.mountPoints(annotated, fs, image.source(), warnings), warnings));
        Set<String> shipped = new HashSet<>();
        nix.forEach(p -> shipped.add(p.path()));
        nix.addAll(SnapshotterClosure.paths(annotated, shipped, store, storeName, warnings));
        nix.sort(java.util.Comparator.comparing(NixStorePath::path));
        List<FoundPackage> pkgs = new ArrayList<>();
        pkgs.addAll(dpkg(fs, layers, warnings));
        pkgs.addAll(apk(fs, layers));
        return new ImageCatalog(image, layers, fs, nix, pkgs, languagePackages(fs, layers, warnings), os, warnings);
    }

    private static Optional<byte[]> captured(Filesystem fs, List<LayerRead<LayerCatalog>> layers, String path,
            List<String> warnings) {
        String resolved = fs.resolve(path);
        Optional<FileEntry> e = fs.get(resolved);
        if (e.isEmpty() || e.get().type() != EntryType.FILE) {
            return Optional.empty();
        }
        byte[] b = layers.get(e.get().layer()).result().captured().get(e.get().path());
        if (b == null && warnings != null) {
            warnings.add("/" + path + " resolves to /" + resolved + ", which was not read");
        }
        return Optional.ofNullable(b);
    }

    private static Map<String, String> osRelease(Filesystem fs, List<LayerRead<LayerCatalog>> layers) {
        for (String p : List.of("etc/os-release", "usr/lib/os-release")) {
            Optional<byte[]> b = captured(fs, layers, p, null);
            if (b.isPresent()) {
                return PackageDatabases.osRelease(b.get());
            }
        }
        return Map.of();
    }

    /** @param mountPoints nix-snapshotter mount points: empty stand-ins, not store paths the image holds */
    private static List<NixStorePath> storePaths(Image image, Filesystem fs, List<LayerRead<LayerCatalog>> layers,
            Set<String> mountPoints, List<String> warnings) {
        // The store paths are the top-level entries of /nix/store in the flattened view.
        SortedSet<String> present = new TreeSet<>();
        for (String p : fs.under("nix/store").keySet()) {
            String sp = CatalogHandler.storePathOf(p);
            if (sp != null && sp.equals(p) && !mountPoints.contains("/" + sp)) {
                present.add("/" + sp);
            }
        }
        Map<String, String> byHash = new HashMap<>();
        for (String p : present) {
            byHash.put(StorePath.parse(p).hashPart(), p);
        }
        Map<String, PathInfo> db = storeDatabase(fs, layers, present, warnings);
        List<NixStorePath> out = new ArrayList<>();
        for (String p : present) {
            int layer = fs.get(p.substring(1)).orElseThrow().layer();
            List<Integer> writers = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                if (layers.get(i).result().storePaths().containsKey(p) || touches(layers.get(i), p)) {
                    writers.add(i);
                }
            }
            StorePathScan scan = layers.get(layer).result().storePaths().get(p);
            String nar = scan == null ? null : scan.narSha256();
            long narSize = scan == null ? -1 : scan.narSize();
            if (writers.size() > 1) {
                warnings.add(p + ": written by layers " + writers + "; NAR hash not computed");
                nar = null;
                narSize = -1;
            } else if (nar == null) {
                warnings.add(p + ": NAR hash not computed: " + (scan == null ? "no entries" : scan.problem()));
            }
            PathInfo info = db.get(p);
            SortedSet<String> refs = new TreeSet<>();
            String from;
            if (info != null) {
                from = "db";
                for (String r : info.references()) {
                    if (present.contains(r)) {
                        refs.add(r);
                    } else {
                        warnings.add(p + " refers to " + r + ", which is not in the image");
                    }
                }
                if (nar != null && !nar.equals(info.narSha256())) {
                    warnings.add(p + ": NAR hash of the image's files (" + nar + ") differs from the store "
                            + "database's (" + info.narSha256() + ")");
                }
            } else {
                from = "scan";
                for (int w : writers) {
                    StorePathScan s = layers.get(w).result().storePaths().get(p);
                    if (s == null) {
                        continue;
                    }
                    if (s.scanOverflow()) {
                        warnings.add(p + ": too many hash-like strings; references may be incomplete");
                    }
                    for (String c : s.candidates()) {
                        String r = byHash.get(c);
                        if (r != null && !r.equals(p)) {
                            refs.add(r);
                        }
                    }
                }
            }
            out.add(new NixStorePath(p, nar, narSize, refs, from, info == null ? null : info.deriver(),
                    info == null ? null : info.ca(), layer));
        }
        crossCheckHistory(image.config(), present, warnings);
        return out;
    }

    /** The language packages of the files the image still has: a file deleted or replaced later counts no more. */
    private static List<LayerPackage> languagePackages(Filesystem fs, List<LayerRead<LayerCatalog>> layers,
            List<String> warnings) {
        List<LayerPackage> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            warnings.addAll(layers.get(i).result().languageWarnings());
            for (LanguagePackage p : layers.get(i).result().languagePackages()) {
                Optional<FileEntry> e = fs.get(p.evidence().path().substring(1));
                if (e.isPresent() && e.get().layer() == i && e.get().path().equals(p.evidence().path().substring(1))) {
                    out.add(new LayerPackage(p, i));
                }
            }
        }
        return out;
    }

    /** Whether a layer deletes anything inside a store path (a whiteout or opaque marker). */
    private static boolean touches(LayerRead<LayerCatalog> layer, String storePath) {
        String rel = storePath.substring(1);
        for (String w : layer.result().listing().whiteouts()) {
            if (w.equals(rel) || w.startsWith(rel + "/")) {
                return true;
            }
        }
        for (String o : layer.result().listing().opaque()) {
            if (o.startsWith(rel + "/") || o.equals(rel)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, PathInfo> storeDatabase(Filesystem fs, List<LayerRead<LayerCatalog>> layers,
            Set<String> present, List<String> warnings) {
        Optional<FileEntry> e = fs.get(fs.resolve(CatalogHandler.STORE_DB));
        if (e.isEmpty() || e.get().type() != EntryType.FILE) {
            return Map.of();
        }
        Path file = e.get().path().equals(CatalogHandler.STORE_DB) ? layers.get(e.get().layer()).result().storeDb()
                : null;
        if (file == null) {
            warnings.add("/" + CatalogHandler.STORE_DB + " is a link; the store database was not read");
            return Map.of();
        }
        Map<String, PathInfo> out = new HashMap<>();
        try (StoreDatabase db = StoreDatabase.open(file)) {
            for (String p : present) {
                db.get(p).ifPresent(i -> out.put(p, i));
            }
        } catch (InvalidInputException ex) {
            warnings.add("/" + CatalogHandler.STORE_DB + " cannot be read (" + ex.getMessage()
                    + "); references found by scanning");
            return Map.of();
        }
        for (String p : present) {
            if (!out.containsKey(p)) {
                warnings.add(p + " is not registered in the image's store database; references found by scanning");
            }
        }
        return out;
    }

    /** dockerTools writes "store paths: [...]" per layer; what it lists must be what the layers hold. */
    private static void crossCheckHistory(ImageConfig config, Set<String> present, List<String> warnings) {
        Set<String> listed = new TreeSet<>();
        for (ImageConfig.History h : config.history()) {
            if (h.comment() != null && h.comment().startsWith("store paths: ")) {
                Matcher m = HISTORY_PATH.matcher(h.comment());
                while (m.find()) {
                    listed.add(m.group(1));
                }
            }
        }
        if (listed.isEmpty()) {
            return;
        }
        for (String p : listed) {
            if (!present.contains(p)) {
                warnings.add("history lists " + p + " but no layer holds it");
            }
        }
        for (String p : present) {
            if (!listed.contains(p)) {
                warnings.add(p + " is in the image but not in any history comment (added outside dockerTools' "
                        + "store layers)");
            }
        }
    }

    private static List<FoundPackage> dpkg(Filesystem fs, List<LayerRead<LayerCatalog>> layers,
            List<String> warnings) {
        List<FoundPackage> out = new ArrayList<>();
        Optional<byte[]> status = captured(fs, layers, "var/lib/dpkg/status", warnings);
        if (status.isPresent()) {
            // Which layer introduced a package: the earliest from which on every rewrite of the status file
            // still lists it with the same version.
            String path = fs.resolve("var/lib/dpkg/status");
            int last = fs.get(path).orElseThrow().layer();
            Map<String, Integer> since = new LinkedHashMap<>();
            for (int i = 0; i <= last; i++) {
                String written = fs.writtenAs(i, path);
                byte[] b = layers.get(i).result().captured().get(written);
                if (b == null) {
                    if (layers.get(i).result().listing().whiteouts().contains(written)) {
                        since.clear();
                    }
                    continue;
                }
                Map<String, Integer> next = new LinkedHashMap<>();
                for (OsPackage p : PackageDatabases.dpkg(b, "/" + path)) {
                    String key = p.name() + ":" + p.arch() + "@" + p.version();
                    next.put(key, since.getOrDefault(key, i));
                }
                since = next;
            }
            for (OsPackage p : PackageDatabases.dpkg(status.get(), "/" + path)) {
                out.add(new FoundPackage(withCopyright(p, fs, layers, warnings),
                        since.getOrDefault(p.name() + ":" + p.arch() + "@" + p.version(), last)));
            }
        }
        String statusD = fs.resolve("var/lib/dpkg/status.d");
        for (Map.Entry<String, FileEntry> f : fs.under(statusD).entrySet()) {
            String rel = f.getKey();
            if (f.getValue().type() != EntryType.FILE || rel.indexOf('/', statusD.length() + 1) >= 0
                    || rel.endsWith(".md5sums")) {
                continue;
            }
            byte[] b = layers.get(f.getValue().layer()).result().captured().get(f.getValue().path());
            if (b != null) {
                for (OsPackage p : PackageDatabases.dpkg(b, "/" + rel)) {
                    out.add(new FoundPackage(withCopyright(p, fs, layers, warnings), f.getValue().layer()));
                }
            }
        }
        return out;
    }

    /**
     * The package with the licence of its {@code /usr/share/doc/NAME/copyright} (machine-readable ones only; see
     * {@link DebianCopyright}). A copyright file above {@link DebianCopyright#MAX_BYTES} is not read: a warning.
     */
    private static OsPackage withCopyright(OsPackage p, Filesystem fs, List<LayerRead<LayerCatalog>> layers,
            List<String> warnings) {
        String path = "usr/share/doc/" + p.name() + "/copyright";
        Optional<byte[]> b = captured(fs, layers, path, null);
        if (b.isEmpty()) {
            String resolved = fs.resolve(path);
            Optional<FileEntry> e = fs.get(resolved);
            if (e.isPresent() && e.get().type() == EntryType.FILE) {
                warnings.add("/" + path + " is above the " + DebianCopyright.MAX_BYTES + "-byte limit for copyright "
                        + "files (or outside /usr/share/doc); " + p.name() + " has no licence");
            }
            return p;
        }
        String license = DebianCopyright.license(b.get());
        return license == null ? p : new OsPackage(p.ecosystem(), p.name(), p.version(), p.arch(), p.source(), license,
                p.description(), p.homepage(), p.database());
    }

    private static List<FoundPackage> apk(Filesystem fs, List<LayerRead<LayerCatalog>> layers) {
        List<FoundPackage> out = new ArrayList<>();
        for (String db : List.of("lib/apk/db/installed", "usr/lib/apk/db/installed")) {
            String path = fs.resolve(db);
            Optional<FileEntry> e = fs.get(path);
            if (e.isEmpty() || e.get().type() != EntryType.FILE || (db.startsWith("usr/") && fs.resolve(
                    "lib/apk/db/installed").equals(path))) {
                continue;
            }
            byte[] b = layers.get(e.get().layer()).result().captured().get(e.get().path());
            if (b != null) {
                Map<String, Integer> first = new TreeMap<>();
                for (int i = 0; i <= e.get().layer(); i++) {
                    byte[] c = layers.get(i).result().captured().get(fs.writtenAs(i, path));
                    if (c != null) {
                        for (OsPackage p : PackageDatabases.apk(c, "/" + path)) {
                            first.putIfAbsent(p.name() + "@" + p.version(), i);
                        }
                    }
                }
                for (OsPackage p : PackageDatabases.apk(b, "/" + path)) {
                    out.add(new FoundPackage(p, first.getOrDefault(p.name() + "@" + p.version(), e.get().layer())));
                }
            }
        }
        return out;
    }

    /** The image's store paths as a run-time graph; roots are the paths nothing else in the image refers to. */
    public Graph graph() {
        TreeMap<String, Node> nodes = new TreeMap<>();
        List<Edge> edges = new ArrayList<>();
        Set<String> referenced = new HashSet<>();
        for (NixStorePath p : storePaths()) {
            StorePath sp = StorePath.parse(p.path());
            String output = DrvName.outputOf(sp.name());
            DrvName dn = sp.isDerivation() ? DrvName.parse(sp.packageName()) : DrvName.ofOutput(sp.name(), output);
            NodeKind kind = sp.isDerivation() ? NodeKind.DERIVATION
                    : p.deriver() == null && p.ca() != null ? NodeKind.SOURCE : NodeKind.OUTPUT;
            nodes.put(p.path(), new Node(p.path(), dn.name(), dn.version(), kind,
                    kind == NodeKind.OUTPUT ? output : null, p.deriver(), p.narSha256(), p.narSize(), null,
                    Usage.RUNTIME));
            for (String r : p.references()) {
                edges.add(Edge.runtime(p.path(), r));
                referenced.add(r);
            }
        }
        List<String> roots = nodes.keySet().stream().filter(p -> !referenced.contains(p)).toList();
        if (roots.isEmpty()) {
            roots = List.of(nodes.firstKey()); // a reference cycle through every path: pick a stable one
        }
        return new Graph(roots, nodes, edges, Graph.Mode.RUNTIME);
    }
}
