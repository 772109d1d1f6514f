package dev.ocisc.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.failure.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link StrictJson#parseStreaming}: as strict as {@link StrictJson#parse}, one member of the large object at a time. */
class StrictJsonStreamingTest {
    private static JsonNode stream(String doc, List<String> seen) {
        return StrictJson.parseStreaming(doc.getBytes(StandardCharsets.UTF_8), "lock.json", "packages",
                (k, v) -> seen.add(k + "=" + v));
    }

    @Test
    void membersInDocumentOrderAndTheRestAsATree() {
        List<String> seen = new ArrayList<>();
        JsonNode rest = stream("{\"a\": 1, \"packages\": {\"x\": {\"v\": 1}, \"y\": [2]}, \"b\": \"c\"}", seen);
        assertEquals(List.of("x={\"v\":1}", "y=[2]"), seen);
        assertEquals("{\"a\":1,\"b\":\"c\"}", rest.toString());
    }

    @Test
    void asStrictAsParse() {
        List<String> bad = List.of(
                "{\"packages\": {\"x\": 1, \"x\": 2}}",
                "{\"packages\": {}, \"packages\": {}}",
                "{\"packages\": {}} {}",
                "[1]",
                "",
                "{\"packages\": [1]}",
                "{\"packages\": {\"x\": " + "[".repeat(300) + "]".repeat(300) + "}}");
        List<String> messages = new ArrayList<>();
        for (String b : bad) {
            messages.add(assertThrows(InvalidInputException.class, () -> stream(b, new ArrayList<>()), b)
                    .getMessage().replaceAll(" \\(line .*", ""));
        }
        assertEquals(List.of("lock.json: duplicate key 'x'", "lock.json: duplicate key 'packages'",
                "lock.json: trailing data after the JSON value", "lock.json: not a JSON object",
                "lock.json: empty, expected JSON", "lock.json: 'packages' is not an object",
                "lock.json: nested deeper than 200 levels"), messages);
    }
}
