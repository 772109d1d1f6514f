package dev.ocisc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.oci.EntryType;
import dev.ocisc.oci.Filesystem;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.testing.RawLayout;
import dev.ocisc.testing.RawTar;
import dev.ocisc.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layer that turns {@code var} into a symlink and then writes {@code var/lib/dpkg/status}: a runtime extracts the
 * file through the link ({@code data/lib/dpkg/status}), so the container's dpkg sees its packages, and so must the
 * SBOM. {@code umoci unpack} of the same image is the reference for where everything lands.
 */
class SymlinkedParentsTest {
    @TempDir
    Path tmp;

    private static byte[] status(String pkg) {
        return ("Package: " + pkg + "\nStatus: install ok installed\nVersion: 1.0\nArchitecture: amd64\n"
                + "Description: " + pkg + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private Path image() {
        byte[] lower = RawTar.concat(RawTar.dir("var"), RawTar.dir("var/lib"), RawTar.dir("var/lib/dpkg"),
                RawTar.file("var/lib/dpkg/status", status("lower")), RawTar.file("etc/hostname", "box\n"),
                RawTar.end());
        // The symlink replaces the directory; the file written after it lands in data/, and the escape attempt
        // (an absolute link climbing above the root) stays inside it.
        byte[] upper = RawTar.concat(RawTar.dir("data"), RawTar.symlink("var", "/data"),
                RawTar.file("var/lib/dpkg/status", status("upper")), RawTar.symlink("up", "../../.."),
                RawTar.file("up/etc/escaped", "stays in the root\n"), RawTar.end());
        RawLayout l = new RawLayout(tmp.resolve("img"));
        return l.write(RawLayout.tagged(l.image(lower, upper), "t"));
    }

    @Test
    void packagesWrittenThroughASymlinkedParentAreWhereTheContainerSeesThem() {
        ImageCatalog c = ImageCatalog.of(image(), ReadOptions.defaults());
        assertEquals(List.of("upper"), c.packages().stream().map(p -> p.pkg().name()).toList(), c.warnings()::toString);
        assertEquals(1, c.packages().get(0).layer());
        assertTrue(c.warnings().isEmpty(), c.warnings()::toString);
    }

    @Test
    void everythingLandsWhereUmociUnpackPutsIt() throws IOException {
        Tools.require("umoci");
        Path image = image();
        Path bundle = tmp.resolve("bundle");
        Tools.check(tmp, "umoci", "unpack", "--rootless", "--image", image + ":t", bundle.toString());
        Map<String, String> umoci = new TreeMap<>();
        Path rootfs = bundle.resolve("rootfs");
        try (Stream<Path> walk = Files.walk(rootfs)) {
            for (Path p : walk.toList()) {
                if (Files.isSymbolicLink(p)) {
                    umoci.put(rootfs.relativize(p).toString(), "symlink");
                } else if (Files.isRegularFile(p)) {
                    umoci.put(rootfs.relativize(p).toString(), Files.readString(p));
                }
            }
        }
        Filesystem fs = ImageCatalog.of(image, ReadOptions.defaults()).filesystem();
        Map<String, String> ours = new TreeMap<>();
        fs.files().forEach((path, e) -> {
            if (e.type() == EntryType.SYMLINK) {
                ours.put(path, "symlink");
            } else if (e.type() == EntryType.FILE) {
                ours.put(path, umoci.containsKey(path) ? umoci.get(path) : "(missing from umoci's rootfs)");
            }
        });
        assertEquals(umoci.keySet(), ours.keySet());
        assertTrue(umoci.get("data/lib/dpkg/status").contains("Package: upper"), umoci.toString());
        assertEquals("stays in the root\n", umoci.get("etc/escaped"));
    }
}
