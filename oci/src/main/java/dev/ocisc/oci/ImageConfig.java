package dev.ocisc.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.failure.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an image config ocisc uses: the platform, the DiffIDs of the layers and the history.
 *
 * @param diffIds {@code rootfs.diff_ids}: the digest of each layer's uncompressed tar, bottom first
 */
public record ImageConfig(Platform platform, String created, List<Digest> diffIds, List<History> history) {
    /** One history entry; {@code emptyLayer} entries have no layer of their own. */
    public record History(String created, String createdBy, String comment, boolean emptyLayer) {
    }

    public ImageConfig {
        diffIds = List.copyOf(diffIds);
        history = List.copyOf(history);
    }

    public static ImageConfig parse(byte[] content, String source) {
        JsonNode n = Documents.parse(content, source);
        if (!n.isObject()) {
            throw new InvalidInputException(source, "image config is not a JSON object");
        }
        JsonNode rootfs = n.path("rootfs");
        if (!rootfs.path("diff_ids").isArray()) {
            throw new InvalidInputException(source, "image config has no rootfs.diff_ids");
        }
        List<Digest> diffIds = new ArrayList<>();
        for (JsonNode d : rootfs.path("diff_ids")) {
            try {
                diffIds.add(Digest.parse(d.asText(null)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(source, "rootfs.diff_ids: " + e.getMessage());
            }
        }
        List<History> history = new ArrayList<>();
        for (JsonNode h : n.path("history")) {
            history.add(new History(h.path("created").asText(null), h.path("created_by").asText(null),
                    h.path("comment").asText(null), h.path("empty_layer").asBoolean(false)));
        }
        Platform p = new Platform(n.path("os").asText(""), n.path("architecture").asText(""),
                n.path("variant").asText(""));
        return new ImageConfig(p, n.path("created").asText(null), diffIds, history);
    }

    /**
     * Refuses an image of another platform than the one asked for with {@code --platform}: a single-platform image
     * has no index to choose from, and reading it anyway would hand a gate the wrong architecture.
     */
    public void requirePlatform(Platform want, String source) {
        if (want != null && !platform().os().isEmpty() && !platform().architecture().isEmpty()
                && !want.matches(platform())) {
            throw new InvalidInputException(source, "the image is for " + platform() + ", not " + want
                    + " (--platform)");
        }
    }
}
