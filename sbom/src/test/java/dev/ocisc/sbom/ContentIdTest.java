package dev.ocisc.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentIdTest {
    /** The definition, written the plain way: SHA-256 of each part's UTF-8 and a NUL, version and variant bits set. */
    private static String reference(Object... parts) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (Object o : parts) {
            md.update(String.valueOf(o).getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
        byte[] h = md.digest();
        h[6] = (byte) ((h[6] & 0x0f) | 0x80);
        h[8] = (byte) ((h[8] & 0x3f) | 0x80);
        String x = HexFormat.of().formatHex(h, 0, 16);
        return x.substring(0, 8) + "-" + x.substring(8, 12) + "-" + x.substring(12, 16) + "-" + x.substring(16, 20)
                + "-" + x.substring(20, 32);
    }

    @Test
    void sameAsTheDefinitionForAnyText() throws Exception {
        String big = "x".repeat(70_000) + "é";
        Object[][] cases = {
            {},
            {"pkg:nix/hello@2.12", null, true, List.of("/nix/store/a", "/nix/store/b")},
            {"naïve", "日本語", "\uD83D\uDE00 emoji", "lone \uD800 surrogate", "mixed a\u00e9b\uD83D\uDE00c"},
            {big, "after a part larger than the buffer", big + big},
        };
        for (Object[] parts : cases) {
            assertEquals(reference(parts), ContentId.uuid(parts));
        }
        // Many small parts cross the buffer's end at every alignment.
        Object[] many = new Object[30_000];
        for (int i = 0; i < many.length; i++) {
            many[i] = i % 7 == 0 ? "ü" + i : "/nix/store/" + i;
        }
        assertEquals(reference(many), ContentId.uuid(many));
    }

    @Test
    void partsAreSeparated() {
        assertNotEquals(ContentId.uuid("ab", "c"), ContentId.uuid("a", "bc"));
    }
}
