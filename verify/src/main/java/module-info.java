/** Tree and image diffs, rebuild checks, the image gate, and attestation reports. */
module dev.ocisc.verify {
    requires transitive dev.ocisc.sbom;
    requires transitive dev.ocisc.provenance;

    exports dev.ocisc.attest;
    exports dev.ocisc.diff;
    exports dev.ocisc.gate;
    exports dev.ocisc.rebuild;
}
