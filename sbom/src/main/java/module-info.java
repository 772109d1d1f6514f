/**
 * The SBOM model and its writers; the writers (one package per format) are reached through Format. The HTML report
 * of any SBOM document is in sbom.report.
 */
module dev.ocisc.sbom {
    requires transitive dev.ocisc.oci;
    requires java.xml;
    // packageurl-java 1.5.0 has no module descriptor: its automatic module name comes from the jar's file name
    requires packageurl.java;

    exports dev.ocisc.sbom;
    exports dev.ocisc.sbom.report;
}
