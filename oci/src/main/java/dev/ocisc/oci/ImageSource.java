package dev.ocisc.oci;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.archive.TarArchiveStore;
import dev.ocisc.oci.layout.LayoutDirectory;
import dev.ocisc.oci.layout.OciLayout;
import dev.ocisc.oci.registry.RegistryStore;
import dev.ocisc.progress.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A place images are stored, opened to be read at will (what {@code diff} needs: documents as stored, layers read
 * when a comparison asks for them, some twice): an OCI layout directory, an oci-archive or docker-archive read in
 * place, or one of them compressed as a whole. A whole-compressed archive (Nix's buildLayeredImage
 * {@code .tar.gz}) can only be read front to back, so it is decompressed once, through the bomb guard, into a
 * temporary file that {@link #close} deletes, and read from there as an uncompressed archive.
 */
public final class ImageSource implements AutoCloseable {
    private final String source;
    private final BlobStore store;
    private final ImageForm form;
    private final Compression archiveCompression;
    private final Limits limits;
    private final Path spool;
    /** The image of a layout's index by its ref.name ({@code oci:DIR:TAG}), or null. */
    private final String refName;
    /** Digests of layer blobs as stored, by location: read once whichever image of the source asks. */
    private final Map<String, Digest> blobDigests = new ConcurrentHashMap<>();

    private ImageSource(String source, BlobStore store, ImageForm form, Compression archiveCompression, Limits limits,
            Path spool) {
        this(source, store, form, archiveCompression, limits, spool, null);
    }

    private ImageSource(String source, BlobStore store, ImageForm form, Compression archiveCompression, Limits limits,
            Path spool, String refName) {
        this.refName = refName;
        this.source = source;
        this.store = store;
        this.form = form;
        this.archiveCompression = archiveCompression;
        this.limits = limits;
        this.spool = spool;
    }

    /** Opens the place {@code location} names: a path as {@link #open(Path, Limits)}, or an image in a registry. */
    public static ImageSource open(ImageLocation location, ReadOptions opts) {
        if (location instanceof ImageLocation.Local l) {
            ImageSource s = open(ImageFile.of(l), opts.limits());
            return l.refName() == null ? s : new ImageSource(s.source + ":" + l.refName(), s.store, s.form,
                    s.archiveCompression, s.limits, s.spool, l.refName());
        }
        ImageReference ref = (ImageReference) location;
        return new ImageSource(ref.toString(), new RegistryStore(ref, opts.registry(), opts.limits()),
                ImageForm.REGISTRY, Compression.NONE, opts.limits(), null);
    }

    /** Opens the image store at {@code path}, told apart by content; errors name {@code path}. */
    public static ImageSource open(Path path, Limits limits) {
        return open(ImageFile.of(path), limits);
    }

    private static ImageSource open(ImageFile file, Limits limits) {
        Path path = file.path();
        String src = path.toString();
        if (file.directory()) {
            return new ImageSource(src, new LayoutDirectory(path), ImageForm.OCI_LAYOUT, Compression.NONE, limits,
                    null);
        }
        Path spool = file.whole() == Compression.NONE ? null : decompress(file, limits);
        TarArchiveStore store = null;
        try {
            store = new TarArchiveStore(spool != null ? spool : path, src, limits);
            return new ImageSource(src, store, ImageFile.archiveForm(store), file.whole(), limits, spool);
        } catch (RuntimeException e) {
            if (store != null) {
                store.close(); // a tar archive but not an image
            }
            delete(spool);
            throw e;
        }
    }

    /** The archive decompressed into a temporary file (only its owner may read it). */
    private static Path decompress(ImageFile file, Limits limits) {
        String src = file.path().toString();
        Path spool;
        try {
            spool = Files.createTempFile("ocisc-image-", ".tar");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temporary file: " + e.getMessage(), e);
        }
        try (InputStream in = file.open(limits, Progress.Task.NONE); OutputStream out = Files.newOutputStream(spool)) {
            in.transferTo(out);
            return spool;
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            delete(spool);
            throw new InvalidInputException(src, "corrupt compressed archive: " + e.getMessage());
        } catch (IOException e) {
            delete(spool);
            throw new InvalidInputException(src, "cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            delete(spool);
            throw e;
        }
    }

    public ImageForm form() {
        return form;
    }

    /** How the whole archive is compressed; NONE for a directory or a plain archive. */
    public Compression archiveCompression() {
        return archiveCompression;
    }

    /**
     * The digest of the manifest or index a registry reference names (fetched and checked when the source was
     * opened); empty for an image on this machine.
     */
    public java.util.Optional<Digest> registryDigest() {
        return store instanceof RegistryStore r ? java.util.Optional.of(r.topDigest()) : java.util.Optional.empty();
    }

    /** index.json as stored, or null for a docker-archive (which has none). */
    public byte[] index() {
        return form == ImageForm.DOCKER_ARCHIVE ? null : store.readSmall("index.json", limits.maxJsonBytes());
    }

    /**
     * The manifest of each platform the index names (the first entry when it names a platform twice), without
     * choosing one; empty for a docker-archive and for an index without platforms.
     */
    public SortedMap<Platform, Digest> platforms(ReadOptions opts) {
        SortedMap<Platform, Digest> m = new TreeMap<>();
        if (form != ImageForm.DOCKER_ARCHIVE) {
            for (Descriptor d : OciLayout.manifests(store, named(opts.withLimits(limits)))) {
                if (OciLayout.named(d)) {
                    m.putIfAbsent(d.platform(), d.digest());
                }
            }
        }
        return m;
    }

    /** The image {@code opts} chooses (platform), its documents digest-checked. */
    public StoredImage image(ReadOptions opts) {
        ReadOptions o = named(opts.withLimits(limits));
        Image image = form == ImageForm.DOCKER_ARCHIVE
                ? dev.ocisc.oci.archive.DockerManifest.resolve(store, o, archiveCompression)
                : OciLayout.resolve(store, o, form, archiveCompression);
        return new StoredImage(this, image);
    }

    private ReadOptions named(ReadOptions o) {
        return refName == null ? o : o.withRefName(refName);
    }

    String source() {
        return source;
    }

    BlobStore store() {
        return store;
    }

    Limits limits() {
        return limits;
    }

    /** SHA-256 of a blob as stored, hashed once. */
    Digest blobDigest(String location) throws IOException {
        Digest d = blobDigests.get(location);
        if (d == null) {
            try (InputStream in = store.open(location)) {
                d = Digest.sha256Of(in);
            }
            blobDigests.put(location, d);
        }
        return d;
    }

    @Override
    public void close() {
        if (store instanceof TarArchiveStore t) {
            t.close();
        }
        delete(spool);
    }

    private static void delete(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temporary file: the system's cleaning takes it
            }
        }
    }
}
