package dev.ocisc.oci;

import java.util.Map;

/** The media types ocisc reads, OCI's and Docker's, by what they are. */
public final class MediaType {
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
    public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar";
    // Non-distributable ("foreign") layers are still plain layers as far as their bytes go.
    public static final String OCI_LAYER_ND = "application/vnd.oci.image.layer.nondistributable.v1.tar";
    public static final String OCI_LAYER_ND_GZIP = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
    public static final String OCI_LAYER_ND_ZSTD = "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";
    public static final String DOCKER_FOREIGN_GZIP = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

    private static final Map<String, Compression> LAYERS = Map.of(
            OCI_LAYER, Compression.NONE, OCI_LAYER_GZIP, Compression.GZIP, OCI_LAYER_ZSTD, Compression.ZSTD,
            DOCKER_LAYER_GZIP, Compression.GZIP, DOCKER_LAYER, Compression.NONE,
            OCI_LAYER_ND, Compression.NONE, OCI_LAYER_ND_GZIP, Compression.GZIP, OCI_LAYER_ND_ZSTD, Compression.ZSTD,
            DOCKER_FOREIGN_GZIP, Compression.GZIP);

    private MediaType() {
    }

    public static boolean isIndex(String mt) {
        return OCI_INDEX.equals(mt) || DOCKER_LIST.equals(mt);
    }

    public static boolean isManifest(String mt) {
        return OCI_MANIFEST.equals(mt) || DOCKER_MANIFEST.equals(mt);
    }

    public static boolean isConfig(String mt) {
        return OCI_CONFIG.equals(mt) || DOCKER_CONFIG.equals(mt);
    }

    /** The compression a layer media type declares, or null when {@code mt} is not a layer type ocisc knows. */
    public static Compression layerCompression(String mt) {
        return mt == null ? null : LAYERS.get(mt);
    }
}
