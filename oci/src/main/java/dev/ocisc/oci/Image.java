package dev.ocisc.oci;

import java.util.List;

/**
 * An image as its metadata describes it (what {@code ocisc layers} and the SBOM's root component need).
 *
 * @param source          the path given
 * @param form            how it is stored
 * @param archiveCompression how the whole archive is compressed (Nix's buildLayeredImage), NONE otherwise
 * @param name            the reference name (OCI {@code ref.name} annotation or docker RepoTag), or null
 * @param manifestDigest  digest of the manifest blob; for a docker-archive, which has none, the digest of the
 *                        OCI manifest it would convert to is not knowable, so this is the config digest (the
 *                        image ID) and {@link #hasManifest()} is false
 * @param platforms       the platforms a multi-platform index offered (empty for a single image)
 */
public record Image(String source, ImageForm form, Compression archiveCompression, String name,
        Digest manifestDigest, boolean hasManifest, Digest configDigest, ImageConfig config, List<Layer> layers,
        List<Platform> platforms) {

    public Image {
        layers = List.copyOf(layers);
        platforms = List.copyOf(platforms);
    }
}
