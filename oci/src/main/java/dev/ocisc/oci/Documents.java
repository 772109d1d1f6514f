package dev.ocisc.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.graph.InvalidInputException;

/** Parses the JSON documents of an image: only after their size was checked, never trusting their shape. */
final class Documents {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(1 << 20).build());
    }

    private Documents() {
    }

    static JsonNode parse(byte[] content, String source) {
        try {
            JsonNode n = MAPPER.readTree(content);
            if (n == null || n.isMissingNode()) {
                throw new InvalidInputException(source, "empty JSON document");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source, "malformed JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new InvalidInputException(source, "cannot read JSON: " + e.getMessage());
        }
    }
}
