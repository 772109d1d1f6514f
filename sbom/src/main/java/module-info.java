/** The SBOM model and its writers; the writers (one package per format) are reached through Format. */
module dev.ocisc.sbom {
    requires transitive dev.ocisc.oci;
    requires java.xml;

    exports dev.ocisc.sbom;
}
