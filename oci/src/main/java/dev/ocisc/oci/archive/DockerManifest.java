package dev.ocisc.oci.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.json.StrictJson;
import dev.ocisc.oci.BlobStore;
import dev.ocisc.oci.Compression;
import dev.ocisc.oci.Digest;
import dev.ocisc.oci.Image;
import dev.ocisc.oci.ImageConfig;
import dev.ocisc.oci.ImageForm;
import dev.ocisc.oci.Layer;
import dev.ocisc.oci.MediaType;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.oci.tar.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code docker save}'s form: {@code manifest.json} = {@code [{"Config","RepoTags","Layers"}]}. Written by
 * docker, podman, skopeo's docker-archive, and Nix's streamLayeredImage / buildLayeredImage. The format has no
 * blob digests: layers are checked by their DiffIDs, the config by the digest in its name when it has one.
 */
public final class DockerManifest {
    private static final Pattern HEX_NAME = Pattern.compile("(?:^|/)([0-9a-f]{64})(?:\\.json)?$");

    private DockerManifest() {
    }

    public static boolean looksLikeDockerArchive(BlobStore store) {
        return store.size("manifest.json") >= 0;
    }

    public static Image resolve(BlobStore store, ReadOptions opts, Compression archiveCompression) {
        long cap = opts.limits().maxJsonBytes();
        String src = store.describe() + ": manifest.json";
        JsonNode root = StrictJson.parse(store.readSmall("manifest.json", cap), src);
        if (!root.isArray() || root.isEmpty()) {
            throw new InvalidInputException(src, "expected a non-empty array of images");
        }
        if (root.size() > 1) {
            throw new InvalidInputException(src, root.size() + " images in one archive; ocisc reads one at a time");
        }
        JsonNode entry = root.get(0);
        String configName = safeName(entry.path("Config").asText(""), src);
        byte[] configBytes = store.readSmall(configName, cap);
        Digest configDigest = Digest.sha256Of(configBytes);
        Matcher m = HEX_NAME.matcher(configName);
        if (m.find() && !m.group(1).equals(configDigest.hex())) {
            throw new InvalidInputException(store.describe() + ": " + configName,
                    "digest mismatch: content is " + configDigest);
        }
        ImageConfig config = ImageConfig.parse(configBytes, store.describe() + ": " + configName);
        config.requirePlatform(opts.platform(), store.describe());
        JsonNode layerNames = entry.path("Layers");
        opts.limits().checkDescriptors(layerNames.size(), src);
        if (!layerNames.isArray() || layerNames.size() != config.diffIds().size()) {
            throw new InvalidInputException(src, "Layers has " + layerNames.size() + " entries but the config's "
                    + "rootfs.diff_ids has " + config.diffIds().size());
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < layerNames.size(); i++) {
            String name = safeName(layerNames.get(i).asText(""), src);
            if (store.size(name) < 0) {
                throw new InvalidInputException(src, "layer " + name + " is not in the archive");
            }
            layers.add(new Layer(i, MediaType.DOCKER_LAYER, null, -1, config.diffIds().get(i), name));
        }
        String name = entry.path("RepoTags").isArray() && !entry.path("RepoTags").isEmpty()
                ? entry.path("RepoTags").get(0).asText() : null;
        return new Image(store.describe(), ImageForm.DOCKER_ARCHIVE, archiveCompression, name, configDigest, false,
                configDigest, config, layers, List.of());
    }

    private static String safeName(String name, String src) {
        String safe = Paths.normalize(name);
        if (safe == null || safe.isEmpty()) {
            throw new InvalidInputException(src, "file name '" + name + "' escapes the archive");
        }
        return safe;
    }
}
