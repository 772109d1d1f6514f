package dev.ocisc.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The one place the creation-time annotation of an attached document is made. */
class AttachmentTest {
    @Test
    void aTimeIsTheCreatedAnnotationInUtc() {
        Attachment a = Attachment.made(Attachment.DSSE, new byte[] {1, 2}, Instant.ofEpochSecond(1700000000));
        assertEquals(new TreeMap<>(Map.of("org.opencontainers.image.created", "2023-11-14T22:13:20Z")),
                a.annotations());
        assertEquals(Attachment.DSSE, a.artifactType());
        assertArrayEquals(new byte[] {1, 2}, a.document());
    }

    @Test
    void noTimeNoAnnotation() {
        assertEquals(Map.of(), Attachment.made(Attachment.SPDX_JSON, new byte[0], null).annotations());
    }
}
