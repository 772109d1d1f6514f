package dev.ocisc.oci;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.archive.DockerManifest;
import dev.ocisc.oci.archive.StreamedArchive;
import dev.ocisc.oci.archive.TarArchiveStore;
import dev.ocisc.oci.layout.LayoutDirectory;
import dev.ocisc.oci.layout.OciLayout;
import dev.ocisc.progress.Progress;
import dev.ocisc.progress.ProgressInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Opens an image in any of the forms ocisc knows (told apart by content, not name) and reads every layer once,
 * verified: blob digest and size against the descriptor, DiffID against {@code config.rootfs.diff_ids}.
 */
public final class ImageReader {
    private ImageReader() {
    }

    /** Reads the image wherever it lives and runs {@code scanner} over each layer. */
    public static <T> ScannedImage<T> read(ImageLocation location, ReadOptions opts, LayerScanner<T> scanner) {
        if (location instanceof ImageLocation.Local l) {
            return read(ImageFile.of(l), l.refName() == null ? opts : opts.withRefName(l.refName()), scanner);
        }
        try (ImageSource source = ImageSource.open(location, opts)) {
            Image image = OciLayout.resolve(source.store(), opts, source.form(), Compression.NONE);
            return readLayers(source.store(), image, opts, scanner, "downloading " + location);
        }
    }

    /** Reads the image and runs {@code scanner} over each layer (in parallel where the form allows it). */
    public static <T> ScannedImage<T> read(Path path, ReadOptions opts, LayerScanner<T> scanner) {
        return read(ImageFile.of(path), opts, scanner);
    }

    private static <T> ScannedImage<T> read(ImageFile file, ReadOptions opts, LayerScanner<T> scanner) {
        Path path = file.path();
        if (file.directory()) {
            LayoutDirectory store = new LayoutDirectory(path);
            Image image = OciLayout.resolve(store, opts, ImageForm.OCI_LAYOUT, Compression.NONE);
            return readLayers(store, image, opts, scanner, READING);
        }
        if (file.whole() != Compression.NONE) {
            return readStreamed(file, opts, scanner);
        }
        try (TarArchiveStore store = new TarArchiveStore(path, opts.limits())) {
            Image image = resolve(store, opts, Compression.NONE);
            return readLayers(store, image, opts, scanner, READING);
        }
    }

    /**
     * The digest of the image's manifest (what an image's {@code sha256} subject means), vouched for only once every
     * layer was read and verified: a digest is only as good as the image behind it. Empty for a docker-archive,
     * which has no manifest.
     */
    public static Optional<Digest> manifestDigest(ImageLocation location, ReadOptions opts) {
        Image image = read(location, opts, VERIFY_ONLY).image();
        return image.hasManifest() ? Optional.of(image.manifestDigest()) : Optional.empty();
    }

    /** Reading a layer verifies it; when nothing else is wanted of it, its entries pass unheeded. */
    private static final LayerScanner<Void> VERIFY_ONLY = () -> () -> null;

    private static Image resolve(BlobStore store, ReadOptions opts, Compression whole) {
        ImageForm form = ImageFile.archiveForm(store);
        return form == ImageForm.OCI_ARCHIVE ? OciLayout.resolve(store, opts, form, whole)
                : DockerManifest.resolve(store, opts, whole);
    }

    private static <T> ScannedImage<T> readLayers(BlobStore store, Image image, ReadOptions opts,
            LayerScanner<T> scanner, String label) {
        Progress.Task task = opts.progress().start(label, blobBytes(store, image), Progress.Unit.BYTES);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(opts.parallelism(),
                image.layers().size())), r -> {
                    Thread t = new Thread(r, "ocisc-layer");
                    t.setDaemon(true);
                    return t;
                });
        try {
            // A blob listed twice is read once: a manifest may list one layer thousands of times.
            Map<String, Future<LayerRead<T>>> byBlob = new HashMap<>();
            for (Layer layer : image.layers()) {
                byBlob.computeIfAbsent(layer.location(), l -> pool.submit(() -> readOne(store, image, layer, opts,
                        scanner, task)));
            }
            List<LayerRead<T>> reads = new ArrayList<>();
            for (Layer layer : image.layers()) {
                LayerRead<T> read = join(byBlob.get(layer.location()));
                LayerPipeline.verify(layer, read, image.source());
                reads.add(read);
            }
            return scanned(image, reads, opts);
        } finally {
            pool.shutdownNow();
            task.close();
        }
    }

    private static final String READING = "reading image";

    /**
     * What the layer blobs add up to as stored, each blob once: the descriptor's size, or the store's where the
     * image gives none (a docker-archive's manifest.json); negative when neither knows.
     */
    private static long blobBytes(BlobStore store, Image image) {
        Map<String, Long> sizes = new HashMap<>();
        for (Layer layer : image.layers()) {
            long size = layer.size() >= 0 ? layer.size() : store.size(layer.location());
            if (size < 0) {
                return -1;
            }
            sizes.put(layer.location(), size);
        }
        long sum = 0;
        for (long size : sizes.values()) {
            sum += size;
        }
        return sum;
    }

    private static <T> LayerRead<T> readOne(BlobStore store, Image image, Layer layer, ReadOptions opts,
            LayerScanner<T> scanner, Progress.Task task) throws IOException {
        String what = image.source() + ": " + layer.label();
        long actual = store.size(layer.location());
        if (actual < 0) {
            throw new InvalidInputException(what, "blob missing (expected at " + layer.location() + ")");
        }
        if (layer.size() >= 0 && actual != layer.size()) {
            throw new InvalidInputException(what, actual < layer.size()
                    ? "truncated blob: " + actual + " of " + layer.size() + " bytes"
                    : "blob is " + actual + " bytes, descriptor says " + layer.size());
        }
        try (InputStream raw = store.open(layer.location())) {
            return LayerPipeline.read(new ProgressInputStream(raw, task), what, opts.limits(), scanner.newHandler());
        }
    }

    /** The image and its layer reads, once their entries, counted per listing, are known to be within the cap. */
    private static <T> ScannedImage<T> scanned(Image image, List<LayerRead<T>> reads, ReadOptions opts) {
        opts.limits().checkEntries(reads.stream().mapToLong(LayerRead::entries).sum(), image.source());
        return new ScannedImage<>(image, reads);
    }

    private static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new InvalidInputException("image", "cannot read layer: " + e.getCause());
        }
    }

    private static <T> ScannedImage<T> readStreamed(ImageFile file, ReadOptions opts, LayerScanner<T> scanner) {
        Path path = file.path();
        String src = path.toString();
        // Its layers are only found while the archive streams past: the archive's own bytes are what is counted.
        try (Progress.Task task = opts.progress().start(READING, Files.size(path), Progress.Unit.BYTES);
                InputStream decompressed = file.open(opts.limits(), task)) {
            StreamedArchive<LayerRead<T>> archive = new StreamedArchive<>(decompressed, src, opts.limits(),
                    (name, in) -> LayerPipeline.read(in, src + ": " + name, opts.limits(), scanner.newHandler()));
            Image image = resolve(archive, opts, file.whole());
            List<LayerRead<T>> reads = new ArrayList<>();
            for (Layer layer : image.layers()) {
                LayerRead<T> read = archive.layerRead(layer.location());
                String what = src + ": " + layer.label();
                if (read == null) {
                    // Kept as a small document (it did not look like a tar): read it now, it will fail clearly.
                    try (InputStream in = archive.open(layer.location())) {
                        read = LayerPipeline.read(in, what, opts.limits(), scanner.newHandler());
                    }
                }
                LayerPipeline.verify(layer, read, src);
                reads.add(read);
            }
            return scanned(image, reads, opts);
        } catch (java.io.EOFException e) {
            throw new InvalidInputException(path, "truncated archive: " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException(path, "cannot read: " + e.getMessage());
        }
    }
}
