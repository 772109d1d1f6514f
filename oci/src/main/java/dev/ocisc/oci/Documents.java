package dev.ocisc.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.json.StrictJson;

/**
 * Parses the JSON documents of an image: only after their size was checked, never trusting their shape, and
 * strictly (StrictJson): a manifest read one way here and another way by a runtime would be two images.
 */
final class Documents {
    private Documents() {
    }

    static JsonNode parse(byte[] content, String source) {
        return StrictJson.parse(content, source);
    }
}
