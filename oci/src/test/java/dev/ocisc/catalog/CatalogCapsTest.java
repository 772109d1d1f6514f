package dev.ocisc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.Limits;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.testing.RawLayout;
import dev.ocisc.testing.RawTar;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a catalog keeps of file contents is capped for the image as a whole, not file by file. */
class CatalogCapsTest {
    @Test
    void manyPackageDatabasesCountTogether(@TempDir Path tmp) {
        // Each status.d file is small; a thousand of them, in several layers, are not.
        byte[] stanza = "Package: p\nVersion: 1\n".getBytes(StandardCharsets.UTF_8);
        byte[][] layers = new byte[4][];
        for (int l = 0; l < layers.length; l++) {
            ByteArrayOutputStream tar = new ByteArrayOutputStream();
            for (int i = 0; i < 250; i++) {
                tar.writeBytes(RawTar.file("var/lib/dpkg/status.d/p" + l + "-" + i, stanza));
            }
            tar.writeBytes(RawTar.end());
            layers[l] = tar.toByteArray();
        }
        RawLayout layout = new RawLayout(tmp.resolve("img"));
        Path image = layout.write(layout.image(layers));
        Limits d = Limits.defaults();
        Limits small = new Limits(d.maxJsonBytes(), d.maxUncompressedBytes(), d.maxRatio(), d.ratioGraceBytes(),
                d.maxEntries(), 10_000, d.maxHeaderBytes(), d.maxDescriptors());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ImageCatalog.of(image, ReadOptions.defaults().withLimits(small)));
        assertTrue(e.getMessage().contains("hold more than 10000 bytes together"), e.getMessage());
        assertEquals(1000, ImageCatalog.of(image, ReadOptions.defaults()).packages().size());
    }

    /** A copyright file above its own cap is not kept: its package has no licence, and a warning says why. */
    @Test
    void anOversizedCopyrightFileIsNotRead(@TempDir Path tmp) {
        String dep5 = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n"
                + "Files: *\nCopyright: x\nLicense: MIT\n";
        byte[] big = (dep5 + " " + "x".repeat((int) DebianCopyright.MAX_BYTES) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.writeBytes(RawTar.file("var/lib/dpkg/status", ("Package: small\nVersion: 1\nStatus: install ok installed\n\n"
                + "Package: huge\nVersion: 1\nStatus: install ok installed\n").getBytes(StandardCharsets.UTF_8)));
        tar.writeBytes(RawTar.file("usr/share/doc/small/copyright", dep5.getBytes(StandardCharsets.UTF_8)));
        tar.writeBytes(RawTar.file("usr/share/doc/huge/copyright", big));
        tar.writeBytes(RawTar.end());
        RawLayout layout = new RawLayout(tmp.resolve("img"));
        ImageCatalog c = ImageCatalog.of(layout.write(layout.image(tar.toByteArray())), ReadOptions.defaults());
        java.util.Map<String, String> licence = new java.util.TreeMap<>();
        c.packages().forEach(p -> licence.put(p.pkg().name(), String.valueOf(p.pkg().license())));
        assertEquals(java.util.Map.of("small", "MIT", "huge", "null"), licence);
        assertTrue(c.warnings().stream().anyMatch(w -> w.contains("/usr/share/doc/huge/copyright is above")),
                c.warnings().toString());
    }
}
