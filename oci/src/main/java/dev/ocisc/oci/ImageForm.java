package dev.ocisc.oci;

/** The ways an image is stored on disk (told apart by content) or in a registry. */
public enum ImageForm {
    /** An OCI image layout directory ({@code oci-layout}, {@code index.json}, {@code blobs/}). */
    OCI_LAYOUT("oci-layout"),
    /** An OCI layout in a tar (skopeo/podman oci-archive, Docker 25's save also carries one). */
    OCI_ARCHIVE("oci-archive"),
    /** {@code docker save}'s {@code manifest.json} form, incl. Nix's streamLayeredImage output. */
    DOCKER_ARCHIVE("docker-archive"),
    /** An image in a registry, read through the distribution API. */
    REGISTRY("registry");

    private final String cliName;

    ImageForm(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }
}
