package dev.ocisc.oci;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.archive.DockerManifest;
import dev.ocisc.oci.layout.LayoutDirectory;
import dev.ocisc.oci.layout.OciLayout;
import dev.ocisc.oci.tar.TarHeaders;
import dev.ocisc.progress.Progress;
import dev.ocisc.progress.ProgressInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An image on this machine as its bytes say, judged once for both ways of reading it ({@link ImageReader} streams
 * it, {@link ImageSource} reads it at will): a layout directory, or an archive, compressed as a whole or not.
 *
 * @param whole how the archive is compressed as a whole; NONE for a directory or a plain archive
 */
record ImageFile(Path path, boolean directory, Compression whole) {
    private static final int BUF = 1 << 17;

    /** What {@code location} is: as it was judged (a target's classification), else as {@link #of(Path)} judges. */
    static ImageFile of(ImageLocation.Local location) {
        return location.form() == null ? of(location.path())
                : new ImageFile(location.path(), location.form() == ImageForm.OCI_LAYOUT, location.compression());
    }

    /** What is at {@code path}, refused with a one-line error when it cannot be an image. */
    static ImageFile of(Path path) {
        if (Files.isDirectory(path)) {
            if (!LayoutDirectory.looksLikeLayout(path)) {
                throw new InvalidInputException(path, "a directory but not an OCI image layout (no index.json)");
            }
            return new ImageFile(path, true, Compression.NONE);
        }
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException(path, "no such image file or directory");
        }
        byte[] block;
        try (InputStream in = Files.newInputStream(path)) {
            block = in.readNBytes(512);
        } catch (IOException e) {
            throw InvalidInputException.unreadable(path, e);
        }
        Compression whole = Compression.sniff(block, block.length);
        if (whole == Compression.NONE && !TarHeaders.looksLikeTar(block, block.length)) {
            throw new InvalidInputException(path, "not an image: neither an OCI layout nor a (compressed) tar archive");
        }
        return new ImageFile(path, false, whole);
    }

    /**
     * The archive's bytes, decompressed through the bomb guard: the one way a whole-compressed archive is read.
     * {@code task} counts the bytes as stored.
     */
    InputStream open(Limits limits, Progress.Task task) throws IOException {
        InputStream file = Files.newInputStream(path);
        try {
            return whole.open(new BufferedInputStream(new ProgressInputStream(file, task), BUF), limits,
                    path.toString());
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /**
     * The form of the archive {@code store} reads, by what it holds. Docker 25 writes both an OCI layout and
     * manifest.json: the layout has the digests, so it wins.
     */
    static ImageForm archiveForm(BlobStore store) {
        if (OciLayout.looksLikeLayout(store)) {
            return ImageForm.OCI_ARCHIVE;
        }
        if (DockerManifest.looksLikeDockerArchive(store)) {
            return ImageForm.DOCKER_ARCHIVE;
        }
        throw new InvalidInputException(store.describe(), "a tar archive but not an image (no index.json or "
                + "manifest.json)");
    }
}
