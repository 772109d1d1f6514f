/** in-toto statements and SLSA provenance for Nix builds; DSSE envelopes, keys and Sigstore bundles. */
module dev.ocisc.provenance {
    requires transitive dev.ocisc.oci;

    exports dev.ocisc.dsse;
    exports dev.ocisc.slsa;
}
