/**
 * OCI images in every local form and in registries, read and verified, what they hold, and what a command-line target is. The tar
 * reader and the image sources (oci.tar, oci.archive, oci.layout, oci.registry) stay inside: other modules read images
 * through dev.ocisc.oci's face (ImageSource, StoredImage, ImageReader, BlobStream, TarEntries).
 */
module dev.ocisc.oci {
    requires transitive dev.ocisc.graph;
    requires com.github.luben.zstd_jni;
    requires java.net.http;
    requires com.fasterxml.jackson.dataformat.toml;

    exports dev.ocisc.oci;
    exports dev.ocisc.oci.report;
    exports dev.ocisc.catalog;
    exports dev.ocisc.target;
}
