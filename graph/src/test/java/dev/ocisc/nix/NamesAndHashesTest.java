package dev.ocisc.nix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ocisc.testing.Tools;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class NamesAndHashesTest {
    @Test
    void parseDrvNameLikeNix() {
        assertEquals(new DrvName("hello", "2.12.1"), DrvName.parse("hello-2.12.1"));
        assertEquals(new DrvName("perl5.36.0-Authen-SASL", "2.16"), DrvName.parse("perl5.36.0-Authen-SASL-2.16"));
        assertEquals(new DrvName("greeter.conf", ""), DrvName.parse("greeter.conf"));
        assertEquals(new DrvName("source", ""), DrvName.parse("source"));
        assertEquals(new DrvName("font-adobe", "100dpi-1.0.3"), DrvName.parse("font-adobe-100dpi-1.0.3"));
        assertEquals(new DrvName("x", "-"), DrvName.parse("x--"));
    }

    @Test
    void outputSuffixesAreRemoved() {
        assertEquals(new DrvName("libgreet", "1.4.2"), DrvName.ofOutput("libgreet-1.4.2-dev", "dev"));
        assertEquals(new DrvName("openssl", "3.0.8"), DrvName.ofOutput("openssl-3.0.8-bin", "bin"));
        assertEquals(new DrvName("tzdata", ""), DrvName.ofOutput("tzdata-man", "man"));
        assertEquals(new DrvName("hello", "2.12.1"), DrvName.ofOutput("hello-2.12.1", "out"));
    }

    @Test
    void storePaths() {
        StorePath p = StorePath.parse("/nix/store/ihy4kdy0gh57692zs4fmkqx5w7ssxq8q-greeter-2.1.0");
        assertEquals("ihy4kdy0gh57692zs4fmkqx5w7ssxq8q", p.hashPart());
        assertEquals("greeter-2.1.0", p.name());
        assertFalse(StorePath.isStorePath("/nix/store/tooshort-x"));
        assertFalse(StorePath.isStorePath("/nix/store/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee-x")); // 'e' is not nix-base32
    }

    @Test
    void base32RoundTripsAndMatchesNix() throws Exception {
        byte[] empty = MessageDigest.getInstance("SHA-256").digest(new byte[0]);
        String b32 = NixBase32.encode(empty);
        assertEquals(52, b32.length());
        assertEquals(HexFormat.of().formatHex(empty), HexFormat.of().formatHex(NixBase32.decode(b32, 32)));
        Tools.require("nix-hash");
        String hex = HexFormat.of().formatHex(empty);
        assertEquals(Tools.check(null, "nix-hash", "--type", "sha256", "--to-base32", hex).strip(), b32);
        assertEquals(hex, Hashes.toHex("sha256:" + b32, "sha256"));
        String sri = Tools.check(null, "nix", "--extra-experimental-features", "nix-command", "hash", "to-sri",
                "--type", "sha256", hex).strip();
        assertEquals(hex, Hashes.toHex(sri, "sha256"));
    }

    @Test
    void badHashesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Hashes.toHex("sha256:xyz", "sha256"));
        assertThrows(IllegalArgumentException.class, () -> Hashes.toHex("blake9:00", "sha256"));
    }
}
