package dev.ocisc.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.failure.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the one JSON reader refuses, each with one line naming the source. */
class StrictJsonTest {
    @TempDir
    Path dir;

    static String refused(String json) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> StrictJson.parse(json.getBytes(StandardCharsets.UTF_8), "doc.json"));
        // the String form reads the same way
        assertEquals(e.getMessage(), assertThrows(InvalidInputException.class,
                () -> StrictJson.parse(json, "doc.json")).getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().startsWith("doc.json: "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aKeyTwiceInOneObjectIsRefusedWhereverItIs() {
        assertEquals("doc.json: duplicate key 'payload' (line 1, column 25)",
                refused("{\"payload\":\"a\",\"payload\":\"b\"}"));
        assertTrue(refused("{\"a\":[{\"x\":{\"k\":1,\"j\":2,\"k\":3}}]}").contains("duplicate key 'k'"));
        // Keys are equal when their characters are, however they were escaped.
        assertTrue(refused("{\"_type\":1,\"\\u005ftype\":2}").contains("duplicate key '_type'"));
        // The same key in different objects is no duplicate.
        assertEquals(2, StrictJson.parse("[{\"a\":1},{\"a\":2}]", "doc.json").size());
    }

    @Test
    void aHostileKeyIsQuotedOnOneLine() {
        String key = "line\nbreak\u001b[31m'" + "x".repeat(500);
        String m = refused("{\"" + key.replace("\n", "\\n").replace("\u001b", "\\u001b") + "\":1,\""
                + key.replace("\n", "\\n").replace("\u001b", "\\u001b") + "\":2}");
        assertTrue(m.contains("duplicate key 'line\\u000abreak\\u001b[31m\\u0027xxx"), m);
        assertTrue(m.length() < 200, m);
    }

    @Test
    void anythingButWhitespaceAfterTheValueIsRefused() {
        assertEquals("doc.json: trailing data after the JSON value (line 1, column 9)", refused("{\"a\":1} {}"));
        assertTrue(refused("{\"a\":1}\n}junk").contains("trailing data after the JSON value (line 2"));
        assertTrue(refused("[1]x").contains("trailing data"));
        assertTrue(refused("{\"a\":1}\u0000").contains("trailing data"));
        assertEquals(1, StrictJson.parse("  {\"a\":1}\n\n\t ", "doc.json").size());
    }

    @Test
    void nestingIsCapped() {
        int deep = 100_000;
        assertTrue(refused("[".repeat(deep) + "]".repeat(deep)).contains("nested deeper than 200 levels"));
        assertTrue(refused("{\"a\":".repeat(deep) + "1" + "}".repeat(deep)).contains("nested deeper than 200"));
        int ok = StrictJson.MAX_DEPTH;
        assertTrue(StrictJson.parse("[".repeat(ok) + "]".repeat(ok), "doc.json").isArray());
    }

    @Test
    void emptyAndMalformedInputIsOneLine() {
        assertEquals("doc.json: empty, expected JSON", refused(""));
        assertEquals("doc.json: empty, expected JSON", refused(" \n "));
        assertTrue(refused("{\"a\":").startsWith("doc.json: invalid JSON: "));
        // Jackson's own place description (a redacted source) stays out; line and column stay in.
        assertEquals("doc.json: invalid JSON: Unexpected end-of-input: expected close marker for Object (start "
                + "marker at line 1, column 1) (line 1, column 10)", refused("{\"a\": [1]"));
        assertTrue(refused("{\"a\":\"x\ny\"}").startsWith("doc.json: invalid JSON: "));
    }

    @Test
    void filesAreCappedWhileTheyAreRead() throws Exception {
        Path f = dir.resolve("doc.json");
        Files.writeString(f, "{\"a\": 1}");
        assertEquals(1, StrictJson.read(f, 8).path("a").asInt());
        assertEquals(f + ": larger than 7 bytes, not read", assertThrows(InvalidInputException.class,
                () -> StrictJson.read(f, 7)).getMessage());
        assertEquals(dir + ": a directory, expected a JSON file", assertThrows(InvalidInputException.class,
                () -> StrictJson.read(dir, 100)).getMessage());
        assertEquals(dir.resolve("none") + ": no such file", assertThrows(InvalidInputException.class,
                () -> StrictJson.read(dir.resolve("none"), 100)).getMessage());
        // A file whose size says nothing (Linux's /proc, a pipe) is capped while it is read.
        Path proc = Path.of("/proc/self/status");
        if (Files.isRegularFile(proc) && Files.size(proc) == 0) {
            assertEquals(proc + ": larger than 10 bytes, not read", assertThrows(InvalidInputException.class,
                    () -> StrictJson.read(proc, 10)).getMessage());
        }
        Files.writeString(f, "{\"a\": 1, \"a\": 2}");
        assertEquals(f + ": duplicate key 'a' (line 1, column 13)", assertThrows(InvalidInputException.class,
                () -> StrictJson.read(f, 100)).getMessage());
    }

    @Test
    void aSequenceIsOneDocumentOrJsonLinesEachReadStrictly() {
        List<StrictJson.Value> v = StrictJson.parseSequence("{\"a\":1}\n\n{\"a\":2}\n", "doc.jsonl");
        assertEquals(2, v.size());
        assertEquals(3, v.get(1).line());
        assertEquals(2, v.get(1).node().path("a").asInt());
        assertEquals(1, StrictJson.parseSequence("{\n  \"a\": 1\n}\n", "doc.json").size());
        assertEquals(0, StrictJson.parseSequence(" \n", "doc.json").size());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> StrictJson.parseSequence("{\"a\":1}\n{\"b\":1,\"b\":2}\n", "doc.jsonl"));
        assertEquals("doc.jsonl: duplicate key 'b' (line 2, column 11)", e.getMessage());
        assertTrue(assertThrows(InvalidInputException.class,
                () -> StrictJson.parseSequence("{\"a\":1}\n}junk", "doc.jsonl")).getMessage()
                .startsWith("doc.jsonl: invalid JSON: "));
    }
}
