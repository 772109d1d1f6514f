package dev.ocisc.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {
    private static final String HEX = "7fd6c862609bfa474e1ddbd0d3cb94ae8ab10429bdc3a9544e1a9ca194894993";

    @Test
    void tagDigestAndDefaultTag() {
        ImageReference tagged = ImageReference.parse("localhost:5000/team/app:1.2").orElseThrow();
        assertEquals(new ImageReference("localhost:5000", "team/app", "1.2", null), tagged);
        assertEquals("1.2", tagged.manifestReference());
        assertEquals("localhost", tagged.host());

        ImageReference pinned = ImageReference.parse("registry.example:443/app:1@sha256:" + HEX).orElseThrow();
        assertEquals("1", pinned.tag());
        assertEquals("sha256:" + HEX, pinned.manifestReference()); // the digest pins the content
        assertEquals("registry.example:443/app:1@sha256:" + HEX, pinned.toString());

        assertEquals("latest", ImageReference.parse("localhost/app").orElseThrow().tag());
        assertEquals("[::1]", ImageReference.parse("[::1]:5000/app:x").orElseThrow().host());
    }

    @Test
    void notReferences() {
        // No host before the first slash: ocisc assumes no default registry.
        assertTrue(ImageReference.parse("debian:latest").isEmpty());
        assertTrue(ImageReference.parse("library/debian").isEmpty());
        assertTrue(ImageReference.parse("./result").isEmpty());
        assertTrue(ImageReference.parse("/nix/store/x").isEmpty());
        // What the distribution specification refuses.
        assertTrue(ImageReference.parse("localhost:5000/App:1").isEmpty());
        assertTrue(ImageReference.parse("localhost:5000/app:-x").isEmpty());
        assertTrue(ImageReference.parse("localhost:5000/app@sha256:short").isEmpty());
        assertTrue(ImageReference.parse("localhost:5000/").isEmpty());
    }

    @Test
    void plainHttpOnlyForLoopbackAndNamedHosts() {
        RegistryAccess none = new RegistryAccess(java.util.Set.of(), java.util.List.of(), java.util.Map.of());
        assertTrue(none.plainHttpAllowed(ImageReference.parse("localhost:5000/a").orElseThrow()));
        assertTrue(none.plainHttpAllowed(ImageReference.parse("127.0.0.1:5000/a").orElseThrow()));
        assertTrue(!none.plainHttpAllowed(ImageReference.parse("registry.example/a").orElseThrow()));
        RegistryAccess named = new RegistryAccess(java.util.Set.of("registry.example:5000"), java.util.List.of(),
                java.util.Map.of());
        assertTrue(named.plainHttpAllowed(ImageReference.parse("registry.example:5000/a").orElseThrow()));
        assertTrue(!named.plainHttpAllowed(ImageReference.parse("registry.example/a").orElseThrow()));
    }
}
