package dev.ocisc.diff;

import dev.ocisc.graph.InvalidInputException;
import dev.ocisc.json.StrictJson;
import dev.ocisc.oci.BlobStore;
import dev.ocisc.oci.Digest;
import dev.ocisc.oci.Image;
import dev.ocisc.oci.ImageForm;
import dev.ocisc.oci.Layer;
import dev.ocisc.oci.Platform;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.oci.archive.DockerManifest;
import dev.ocisc.oci.archive.StreamedArchive;
import dev.ocisc.oci.archive.TarArchiveStore;
import dev.ocisc.oci.layout.LayoutDirectory;
import dev.ocisc.oci.layout.OciLayout;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One image of an image diff: its documents exactly as stored (the diff compares bytes and fields) and its layers,
 * each read on demand into a {@link Tree}. The oci module resolves the image (digest-checked documents, safe names);
 * the layer bytes are read here by {@link TreeReader}, which keeps the tar encoding facts the diff reports, and
 * every layer is verified as {@code sbom} verifies it ({@link Layer#verify}) before anything is compared.
 *
 * <p>A whole-compressed archive (Nix's buildLayeredImage {@code .tar.gz}) can only be read front to back, so its
 * layers are read into trees while it streams past, and read again only to capture changed files.
 */
final class ImageSide implements AutoCloseable {
    final Path path;
    final Image image;
    /** index.json of a layout or oci-archive, else null. */
    final byte[] index;
    /** The chosen manifest, else null (docker-archive). */
    final byte[] manifest;
    /** docker's manifest.json, else null. */
    final byte[] dockerManifest;
    final byte[] config;
    private final BlobStore store;
    private final TreeReader reader;
    private final ReadOptions opts;
    /** Layer trees of a streamed archive, by location. */
    private final Map<String, Tree> streamed;
    /** Trees of layers the manifest lists more than once, read once, and blob digests, by location. */
    private final Map<String, Tree> repeated = new HashMap<>();
    private final Map<String, String> digests = new HashMap<>();
    private final Map<String, Integer> listings = new HashMap<>();
    /** Positions whose entries count against the image's cap already, and how many they hold. */
    private final BitSet counted = new BitSet();
    private long entries;

    private ImageSide(Path path, Image image, BlobStore store, TreeReader reader, ReadOptions opts,
            Map<String, Tree> streamed) {
        this.path = path;
        this.image = image;
        this.store = store;
        this.reader = reader;
        this.opts = opts;
        this.streamed = streamed;
        image.layers().forEach(l -> listings.merge(l.location(), 1, Integer::sum));
        long cap = opts.limits().maxJsonBytes();
        boolean oci = image.form() != ImageForm.DOCKER_ARCHIVE;
        this.index = oci ? store.readSmall("index.json", cap) : null;
        this.manifest = oci ? checked(OciLayout.blobName(image.manifestDigest()), image.manifestDigest(), cap) : null;
        this.dockerManifest = oci ? null : store.readSmall("manifest.json", cap);
        this.config = oci ? checked(OciLayout.blobName(image.configDigest()), image.configDigest(), cap)
                : checked(dockerConfigName(), image.configDigest(), cap);
    }

    static ImageSide open(Path path, ReadOptions opts) {
        TreeReader reader = new TreeReader(opts.limits());
        if (Files.isDirectory(path)) {
            if (!LayoutDirectory.looksLikeLayout(path)) {
                throw new InvalidInputException(path.toString(), "a directory but not an OCI image layout");
            }
            LayoutDirectory store = new LayoutDirectory(path);
            Image image = OciLayout.resolve(store, opts, ImageForm.OCI_LAYOUT, dev.ocisc.oci.Compression.NONE);
            return new ImageSide(path, image, store, reader, opts, null);
        }
        dev.ocisc.oci.Compression whole = sniff(path);
        if (whole == dev.ocisc.oci.Compression.NONE) {
            TarArchiveStore store = new TarArchiveStore(path, opts.limits());
            try {
                Image image = OciLayout.looksLikeLayout(store)
                        ? OciLayout.resolve(store, opts, ImageForm.OCI_ARCHIVE, whole)
                        : DockerManifest.resolve(store, opts, whole);
                return new ImageSide(path, image, store, reader, opts, null);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }
        Map<String, Tree> trees = new HashMap<>();
        StreamedArchive<Tree> archive = stream(path, whole, opts, reader, Map.of(), trees);
        Image image = OciLayout.looksLikeLayout(archive)
                ? OciLayout.resolve(archive, opts, ImageForm.OCI_ARCHIVE, whole)
                : DockerManifest.resolve(archive, opts, whole);
        return new ImageSide(path, image, archive, reader, opts, trees);
    }

    /**
     * What an image's index offers, read without choosing a platform: its form, index.json as stored, and the
     * manifest of each named platform (the first entry when an index names a platform twice). Empty for a
     * docker-archive and for an index without platforms.
     */
    record Listing(String form, byte[] index, java.util.SortedMap<Platform, Digest> manifests) {
        Listing {
            manifests = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(manifests));
        }

        /** An image index of several platforms: compared platform by platform. */
        boolean multiPlatform() {
            return manifests.size() > 1;
        }
    }

    static Listing list(Path path, ReadOptions opts) {
        if (Files.isDirectory(path)) {
            if (!LayoutDirectory.looksLikeLayout(path)) {
                throw new InvalidInputException(path.toString(), "a directory but not an OCI image layout");
            }
            return listing(ImageForm.OCI_LAYOUT.cliName(), new LayoutDirectory(path), opts);
        }
        dev.ocisc.oci.Compression whole = sniff(path);
        if (whole == dev.ocisc.oci.Compression.NONE) {
            try (TarArchiveStore store = new TarArchiveStore(path, opts.limits())) {
                return OciLayout.looksLikeLayout(store) ? listing(ImageForm.OCI_ARCHIVE.cliName(), store, opts)
                        : new Listing(ImageForm.DOCKER_ARCHIVE.cliName(), null, new java.util.TreeMap<>());
            }
        }
        // One pass that keeps the documents and skips the layer bytes.
        StreamedArchive<Tree> archive = stream(path, whole, opts, (name, in) -> null);
        String form = "+" + whole.name().toLowerCase(java.util.Locale.ROOT);
        return OciLayout.looksLikeLayout(archive) ? listing(ImageForm.OCI_ARCHIVE.cliName() + form, archive, opts)
                : new Listing(ImageForm.DOCKER_ARCHIVE.cliName() + form, null, new java.util.TreeMap<>());
    }

    private static Listing listing(String form, BlobStore store, ReadOptions opts) {
        java.util.SortedMap<Platform, Digest> m = new java.util.TreeMap<>();
        for (dev.ocisc.oci.Descriptor d : OciLayout.manifests(store, opts)) {
            if (OciLayout.named(d)) {
                m.putIfAbsent(d.platform(), d.digest());
            }
        }
        return new Listing(form, store.readSmall("index.json", opts.limits().maxJsonBytes()), m);
    }

    private static dev.ocisc.oci.Compression sniff(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(4);
            return dev.ocisc.oci.Compression.sniff(head, head.length);
        } catch (IOException e) {
            throw new InvalidInputException(path.toString(), "cannot read: " + e.getMessage());
        }
    }

    /**
     * One pass over a whole-compressed archive: every entry that looks like a layer becomes a tree ({@code out},
     * by name), with the files of {@code captures} (by entry name) kept.
     */
    private static StreamedArchive<Tree> stream(Path path, dev.ocisc.oci.Compression whole, ReadOptions opts,
            TreeReader reader, Map<String, ContentCapture> captures, Map<String, Tree> out) {
        String src = path.toString();
        return stream(path, whole, opts, (name, in) -> {
            if (!captures.isEmpty() && !captures.containsKey(name)) {
                return null; // a capturing pass wants one layer; the tar stream skips the rest
            }
            Tree t = reader.readLayer(src + ": " + name, name, in, captures.getOrDefault(name, ContentCapture.NONE));
            out.put(name, t);
            return t;
        });
    }

    /** One pass over a whole-compressed archive, each entry that looks like a layer given to {@code layers}. */
    private static StreamedArchive<Tree> stream(Path path, dev.ocisc.oci.Compression whole, ReadOptions opts,
            java.util.function.BiFunction<String, InputStream, Tree> layers) {
        String src = path.toString();
        try (InputStream file = Files.newInputStream(path)) {
            InputStream decoded = whole.open(new BufferedInputStream(file, 1 << 17), opts.limits(), src);
            return new StreamedArchive<>(decoded, src, opts.limits(), layers);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new InvalidInputException(src, "corrupt compressed archive: " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException(src, "cannot read: " + e.getMessage());
        }
    }

    private String dockerConfigName() {
        com.fasterxml.jackson.databind.JsonNode root = StrictJson.parse(dockerManifest, path + ": manifest.json");
        String name = dev.ocisc.oci.tar.Paths.normalize(root.path(0).path("Config").asText(""));
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException(path + ": manifest.json", "config name escapes the archive");
        }
        return name;
    }

    /** A document read again here, its digest checked again: the bytes compared are the bytes that were verified. */
    private byte[] checked(String name, Digest digest, long cap) {
        byte[] b = store.readSmall(name, cap);
        if (!Digest.sha256Of(b).equals(digest)) {
            throw new InvalidInputException(path + ": " + name, "digest mismatch: content is " + Digest.sha256Of(b));
        }
        return b;
    }

    String form() {
        return image.form().cliName() + (image.archiveCompression() == dev.ocisc.oci.Compression.NONE ? ""
                : "+" + image.archiveCompression().name().toLowerCase(java.util.Locale.ROOT));
    }

    List<Layer> layers() {
        return image.layers();
    }

    /** Size of a layer blob as stored, or -1 for a streamed archive (not known without reading). */
    long blobSize(int i) {
        return streamed != null ? -1 : store.size(image.layers().get(i).location());
    }

    /**
     * SHA-256 of a layer blob's bytes, nothing decompressed: decides identical layers. For a streamed archive, the
     * tree read while streaming has it.
     */
    String blobDigest(int i) {
        Layer l = image.layers().get(i);
        if (streamed != null) {
            return layer(i).digest();
        }
        String hex = digests.get(l.location());
        if (hex == null) {
            try (InputStream in = store.open(l.location())) {
                hex = Digest.sha256Of(in).hex();
            } catch (IOException e) {
                throw new InvalidInputException(path + ": " + l.label(), "cannot read: " + e.getMessage());
            }
            digests.put(l.location(), hex);
        }
        if (l.digest() != null && !l.digest().hex().equals(hex)) {
            throw new InvalidInputException(path + ": " + l.label(), "digest mismatch: content is sha256:" + hex);
        }
        return hex;
    }

    /**
     * The layer's tree, verified as every command verifies a layer: blob size and digest, compression against the
     * media type, DiffID. A layer listed more than once is read once; the entries of every listing count against
     * the image's cap.
     */
    Tree layer(int i) {
        Layer l = image.layers().get(i);
        Tree t = repeated.get(l.location());
        if (t == null) {
            t = streamed != null ? streamedLayer(l) : read(l, ContentCapture.NONE);
            if (t == null) {
                throw new InvalidInputException(path + ": " + l.label(), "not a tar layer");
            }
            if (listings.get(l.location()) > 1) {
                repeated.put(l.location(), t);
            }
        }
        verify(i, t);
        if (!counted.get(i)) {
            counted.set(i);
            entries += t.entries().size();
            opts.limits().checkEntries(entries, path.toString());
        }
        return t;
    }

    /**
     * Checks layer {@code i} against the tree of a blob with the same digest (read from the other image): the same
     * bytes, so the same tar, which this image's declarations must match too.
     */
    void verifyAs(int i, Tree sameBytes) {
        if (!blobDigest(i).equals(sameBytes.digest())) {
            throw new IllegalArgumentException("layer " + i + " is not the blob of the tree given");
        }
        verify(i, sameBytes);
    }

    private void verify(int i, Tree t) {
        Layer l = image.layers().get(i);
        l.verify(path.toString(), store.size(l.location()), new Digest("sha256", t.digest()),
                t.compression().compression(),
                new Digest("sha256", t.contentDigest()));
    }

    /** The tree read while the archive streamed past; rethrows the error reading it gave, if any. */
    @SuppressWarnings("unchecked")
    private Tree streamedLayer(Layer l) {
        return ((StreamedArchive<Tree>) store).layerRead(l.location());
    }

    /** The layer read again, keeping the bytes of the files {@code capture} names. */
    Tree reread(int i, ContentCapture capture) {
        Layer l = image.layers().get(i);
        if (streamed == null) {
            return read(l, capture);
        }
        Map<String, Tree> again = new HashMap<>();
        stream(path, image.archiveCompression(), opts, reader, Map.of(l.location(), capture), again);
        return again.get(l.location());
    }

    /**
     * Several layers read again, each keeping the bytes of the files its capture names (the flattened comparison:
     * each changed file is read from the layer its surviving entry came from). A streamed archive is passed over
     * once for all of them.
     */
    void reread(Map<Integer, ContentCapture> captures) {
        if (streamed == null) {
            captures.forEach((i, c) -> read(image.layers().get(i), c));
            return;
        }
        Map<String, ContentCapture> byLocation = new HashMap<>();
        captures.forEach((i, c) -> byLocation.put(image.layers().get(i).location(), c));
        stream(path, image.archiveCompression(), opts, reader, byLocation, new HashMap<>());
    }

    private Tree read(Layer l, ContentCapture capture) {
        String what = path + ": " + l.label();
        try (InputStream in = store.open(l.location())) {
            return reader.readLayer(what, l.location(), in, capture);
        } catch (IOException e) {
            throw new InvalidInputException(what, "cannot read: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (store instanceof TarArchiveStore t) {
            t.close();
        }
    }
}
