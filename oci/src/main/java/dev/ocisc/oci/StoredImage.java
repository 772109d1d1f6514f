package dev.ocisc.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.json.StrictJson;
import dev.ocisc.oci.layout.OciLayout;
import dev.ocisc.oci.tar.Paths;
import java.io.IOException;
import java.io.InputStream;

/**
 * One image of an {@link ImageSource}, in the spirit of go-containerregistry's {@code v1.Image}: what it declares
 * ({@link Image}), its documents exactly as stored (each digest-checked again, so that the bytes a caller compares
 * are the bytes that were verified), and its layer blobs, read at will. A layer read through {@link BlobStream} is
 * checked with {@link #verify}, as every command checks its layers.
 */
public final class StoredImage {
    private final ImageSource source;
    private final Image image;
    private final byte[] index;
    private final byte[] manifest;
    private final byte[] dockerManifest;
    private final byte[] config;

    StoredImage(ImageSource source, Image image) {
        this.source = source;
        this.image = image;
        long cap = source.limits().maxJsonBytes();
        boolean oci = image.form() != ImageForm.DOCKER_ARCHIVE;
        this.index = oci ? source.store().readSmall("index.json", cap) : null;
        this.manifest = oci ? checked(OciLayout.blobName(image.manifestDigest()), image.manifestDigest(), cap) : null;
        this.dockerManifest = oci ? null : source.store().readSmall("manifest.json", cap);
        this.config = oci ? checked(OciLayout.blobName(image.configDigest()), image.configDigest(), cap)
                : checked(dockerConfigName(), image.configDigest(), cap);
    }

    public Image image() {
        return image;
    }

    /** index.json of a layout or oci-archive as stored, else null. */
    public byte[] index() {
        return index;
    }

    /** The chosen manifest as stored, else null (a docker-archive has none). */
    public byte[] manifest() {
        return manifest;
    }

    /** docker's manifest.json as stored, else null. */
    public byte[] dockerManifest() {
        return dockerManifest;
    }

    public byte[] config() {
        return config;
    }

    /** Bytes of the layer's blob as stored. */
    public long blobSize(Layer layer) {
        return source.store().size(layer.location());
    }

    /**
     * Digest of the layer's blob as stored, nothing decompressed (which decides identical layers), checked against
     * the digest the manifest declares.
     */
    public Digest blobDigest(Layer layer) {
        String what = source.source() + ": " + layer.label();
        Digest d;
        try {
            d = source.blobDigest(layer.location());
        } catch (IOException e) {
            throw new InvalidInputException(what, "cannot read: " + e.getMessage());
        }
        if (layer.digest() != null && !layer.digest().equals(d)) {
            throw new InvalidInputException(what, "digest mismatch: content is " + d);
        }
        return d;
    }

    /** The layer's blob as stored (compressed); read it through a {@link BlobStream} and {@link #verify} it. */
    public InputStream open(Layer layer) throws IOException {
        return source.store().open(layer.location());
    }

    /** Checks what a read of the layer's blob measured against what the image declares ({@link Layer#verify}). */
    public void verify(Layer layer, Digest blobDigest, Compression compression, Digest diffId) {
        layer.verify(source.source(), blobSize(layer), blobDigest, compression, diffId);
    }

    private String dockerConfigName() {
        JsonNode root = StrictJson.parse(dockerManifest, source.source() + ": manifest.json");
        String name = Paths.normalize(root.path(0).path("Config").asText(""));
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException(source.source() + ": manifest.json", "config name escapes the archive");
        }
        return name;
    }

    /** A document read again, its digest checked again. */
    private byte[] checked(String name, Digest digest, long cap) {
        byte[] b = source.store().readSmall(name, cap);
        if (!Digest.sha256Of(b).equals(digest)) {
            throw new InvalidInputException(source.source() + ": " + name, "digest mismatch: content is "
                    + Digest.sha256Of(b));
        }
        return b;
    }
}
