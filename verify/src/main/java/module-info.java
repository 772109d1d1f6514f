/** Tree and image diffs, rebuild checks, and the image gate. */
module dev.ocisc.verify {
    requires transitive dev.ocisc.sbom;
    requires transitive dev.ocisc.provenance;

    exports dev.ocisc.diff;
    exports dev.ocisc.gate;
    exports dev.ocisc.rebuild;
}
