package dev.ocisc.diff;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.Compression;
import dev.ocisc.oci.Digest;
import dev.ocisc.oci.Image;
import dev.ocisc.oci.ImageLocation;
import dev.ocisc.oci.ImageSource;
import dev.ocisc.oci.Layer;
import dev.ocisc.oci.Platform;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.oci.StoredImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One image of an image diff: its documents exactly as stored (the diff compares bytes and fields) and its layers,
 * each read on demand into a {@link Tree}. The oci module opens and resolves the image ({@link StoredImage}:
 * digest-checked documents, safe names, layer blobs); the layer bytes are read here by {@link TreeReader}, which
 * keeps the tar encoding facts the diff reports, and every layer is verified as {@code sbom} verifies it before
 * anything is compared.
 */
final class ImageSide {
    final ImageLocation path;
    final Image image;
    /** index.json of a layout or oci-archive, else null. */
    final byte[] index;
    /** The chosen manifest, else null (docker-archive). */
    final byte[] manifest;
    /** docker's manifest.json, else null. */
    final byte[] dockerManifest;
    final byte[] config;
    private final StoredImage stored;
    private final TreeReader reader;
    private final ReadOptions opts;
    /** Trees of layers the manifest lists more than once, read once, by location. */
    private final Map<String, Tree> repeated = new HashMap<>();
    private final Map<String, Integer> listings = new HashMap<>();
    /** Positions whose entries count against the image's cap already, and how many they hold. */
    private final BitSet counted = new BitSet();
    private long entries;

    /** The image of {@code source} that {@code opts} chooses. */
    ImageSide(ImageLocation path, ImageSource source, ReadOptions opts) {
        this(path, source.image(opts), opts);
    }

    private ImageSide(ImageLocation path, StoredImage stored, ReadOptions opts) {
        this.path = path;
        this.stored = stored;
        this.image = stored.image();
        this.reader = new TreeReader(opts.limits());
        this.opts = opts;
        image.layers().forEach(l -> listings.merge(l.location(), 1, Integer::sum));
        this.index = stored.index();
        this.manifest = stored.manifest();
        this.dockerManifest = stored.dockerManifest();
        this.config = stored.config();
    }

    /**
     * This image, as {@code other} names it: for a reference to the same manifest (its digest checked), whose
     * documents and blobs are the same bytes by that digest, so that they are not fetched a second time.
     */
    ImageSide as(ImageLocation other) {
        return new ImageSide(other, stored, opts);
    }

    /**
     * What an image's index offers, read without choosing a platform: its form, index.json as stored, and the
     * manifest of each named platform. Empty for a docker-archive and for an index without platforms.
     */
    record Listing(String form, byte[] index, SortedMap<Platform, Digest> manifests) {
        Listing {
            manifests = Collections.unmodifiableSortedMap(new TreeMap<>(manifests));
        }

        /** An image index of several platforms: compared platform by platform. */
        boolean multiPlatform() {
            return manifests.size() > 1;
        }
    }

    static Listing list(ImageSource source, ReadOptions opts) {
        return new Listing(form(source.form().cliName(), source.archiveCompression()), source.index(),
                source.platforms(opts));
    }

    String form() {
        return form(image.form().cliName(), image.archiveCompression());
    }

    /** How reports name an image's form: {@code docker-archive+gzip} for Nix's whole-compressed archive. */
    static String form(String form, Compression archive) {
        return form + (archive == Compression.NONE ? "" : "+" + archive.name().toLowerCase(Locale.ROOT));
    }

    List<Layer> layers() {
        return image.layers();
    }

    /** Size of a layer blob as stored. */
    long blobSize(int i) {
        return stored.blobSize(image.layers().get(i));
    }

    /** SHA-256 (hex) of a layer blob's bytes, nothing decompressed: decides identical layers. */
    String blobDigest(int i) {
        return stored.blobDigest(image.layers().get(i)).hex();
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
            t = read(l, ContentCapture.NONE);
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
        stored.verify(image.layers().get(i), new Digest("sha256", t.digest()), t.compression().compression(),
                new Digest("sha256", t.contentDigest()));
    }

    /** The layer read again, keeping the bytes of the files {@code capture} names. */
    Tree reread(int i, ContentCapture capture) {
        return read(image.layers().get(i), capture);
    }

    /**
     * Several layers read again, each keeping the bytes of the files its capture names (the flattened comparison:
     * each changed file is read from the layer its surviving entry came from).
     */
    void reread(Map<Integer, ContentCapture> captures) {
        captures.forEach((i, c) -> read(image.layers().get(i), c));
    }

    private Tree read(Layer l, ContentCapture capture) {
        String what = path + ": " + l.label();
        try (InputStream in = stored.open(l)) {
            return reader.readLayer(what, l.location(), in, capture);
        } catch (IOException e) {
            throw new InvalidInputException(what, "cannot read: " + e.getMessage());
        }
    }
}
