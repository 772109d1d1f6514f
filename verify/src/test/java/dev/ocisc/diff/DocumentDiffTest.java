package dev.ocisc.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.failure.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field-by-field comparison of image JSON documents, and what serialization-only drift is named. */
class DocumentDiffTest {
    private static final String CONFIG = "{\"created\":\"2024-01-01T00:00:00Z\",\"architecture\":\"amd64\","
            + "\"os\":\"linux\",\"config\":{\"Env\":[\"PATH=/bin\"]},\"rootfs\":{\"type\":\"layers\","
            + "\"diff_ids\":[\"sha256:aa\",\"sha256:bb\",\"sha256:cc\"]},\"history\":[{\"created\":"
            + "\"2024-01-01T00:00:00Z\",\"created_by\":\"a\"},{\"created\":\"2024-01-01T00:00:00Z\",\"created_by\":"
            + "\"b\"},{\"created\":\"2024-01-01T00:00:00Z\",\"created_by\":\"c\"},{\"created\":"
            + "\"2024-01-01T00:00:00Z\",\"created_by\":\"d\"}]}";

    private static List<Finding> config(String a, String b, boolean skipDerived) {
        return new DocumentDiff("config", DocumentDiff.Kind.CONFIG, skipDerived).compare(bytes(a), bytes(b));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyDifferingFieldByJsonPath() {
        String b = CONFIG.replace("\"created_by\":\"d\"", "\"created_by\":\"d2\"")
                .replace("sha256:cc", "sha256:dd").replace("PATH=/bin", "PATH=/usr/bin")
                .replaceFirst("2024-01-01T00:00:00Z", "2024-02-02T00:00:00Z");
        List<Finding> f = config(CONFIG, b, false);
        assertEquals(List.of("config.Env[0]", "created", "history[3].created_by", "rootfs.diff_ids[2]"),
                f.stream().map(Finding::field).toList());
        assertEquals(List.of(DriftClass.CONFIG, DriftClass.CREATED, DriftClass.HISTORY, DriftClass.LAYERS),
                f.stream().map(Finding::drift).toList());
        assertEquals("d", f.get(2).a());
        assertEquals("d2", f.get(2).b());
        assertEquals(List.of("config.Env[0]", "created", "history[3].created_by"),
                config(CONFIG, b, true).stream().map(Finding::field).toList(),
                "in an image diff the layers themselves explain diff_ids");
    }

    @Test
    void historyCreatedIsCreated() {
        String b = CONFIG.replace("\"created\":\"2024-01-01T00:00:00Z\",\"created_by\":\"b\"",
                "\"created\":\"2024-03-03T00:00:00Z\",\"created_by\":\"b\"");
        Finding f = config(CONFIG, b, true).get(0);
        assertEquals(DriftClass.CREATED, f.drift());
        assertEquals("history[1].created", f.field());
        assertTrue(f.note().contains("SOURCE_DATE_EPOCH"));
    }

    @Test
    void zuluAgainstOffsetIsTheSameInstantSpelledDifferently() {
        String b = CONFIG.replaceFirst("2024-01-01T00:00:00Z", "2024-01-01T00:00:00+00:00");
        Finding f = config(CONFIG, b, true).get(0);
        assertEquals(DriftClass.JSON, f.drift());
        assertEquals("created", f.field());
        assertTrue(f.note().contains("Z vs +00:00"), f.note());
    }

    @Test
    void annotationsAreNamedByKey() {
        String a = "{\"schemaVersion\":2,\"annotations\":{\"org.opencontainers.image.created\":\"2024-01-01T00:00:00Z\","
                + "\"org.opencontainers.image.version\":\"1\"}}";
        String b = a.replace("\"1\"", "\"2\"").replace("2024-01-01", "2025-01-01");
        List<Finding> f = new DocumentDiff("manifest", DocumentDiff.Kind.MANIFEST, true).compare(bytes(a), bytes(b));
        assertEquals(List.of("annotations[\"org.opencontainers.image.created\"]",
                "annotations[\"org.opencontainers.image.version\"]"), f.stream().map(Finding::field).toList());
        assertEquals(List.of(DriftClass.CREATED, DriftClass.MANIFEST), f.stream().map(Finding::drift).toList());
    }

    @Test
    void keyOrderIsNamedWithTheObject() {
        String b = CONFIG.replace("{\"type\":\"layers\",\"diff_ids\":[\"sha256:aa\",\"sha256:bb\",\"sha256:cc\"]}",
                "{\"diff_ids\":[\"sha256:aa\",\"sha256:bb\",\"sha256:cc\"],\"type\":\"layers\"}");
        Finding f = config(CONFIG, b, true).get(0);
        assertEquals(DriftClass.JSON, f.drift());
        assertEquals("json.key_order", f.field());
        assertEquals("type,diff_ids", f.a());
        assertTrue(f.note().contains("rootfs"), f.note());
    }

    @Test
    void indentationIsWhitespace() {
        String b = "{\n  \"a\": 1,\n  \"b\": [\n    2\n  ]\n}";
        List<Finding> f = new DocumentDiff("index.json", DocumentDiff.Kind.INDEX, true)
                .compare(bytes("{\"a\":1,\"b\":[2]}"), bytes(b));
        assertEquals(1, f.size(), f::toString);
        assertEquals("json.whitespace", f.get(0).field());
        assertEquals("compact", f.get(0).a());
        assertEquals("indented by 2 spaces", f.get(0).b());
    }

    @Test
    void goStyleEscapesAreSpelling() {
        List<Finding> f = new DocumentDiff("config", DocumentDiff.Kind.CONFIG, true)
                .compare(bytes("{\"a\":\"<x>\"}"), bytes("{\"a\":\"\\u003cx\\u003e\"}"));
        assertEquals(1, f.size(), f::toString);
        assertEquals("json.spelling", f.get(0).field());
    }

    @Test
    void malformedJsonIsBadInputNamingTheDocument() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> config(CONFIG, "{\"a\":", true));
        assertTrue(e.getMessage().contains("config (B)"), e.getMessage());
    }

    /** A key twice reads as two documents to two readers: bad input, as sbom says of the same image. */
    @Test
    void aKeyTwiceOrDataAfterTheDocumentIsBadInput() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> config(CONFIG, "{\"os\":\"linux\",\"os\":\"windows\"}", true));
        assertEquals("config (B): duplicate key 'os' (line 1, column 19)", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> config(CONFIG, "{\"os\":\"linux\"}{}", true));
        assertEquals("config (B): trailing data after the JSON value (line 1, column 15)", e.getMessage());
    }
}
