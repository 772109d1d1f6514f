package dev.ocisc.oci;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes small OCI layouts for hostile-input tests: layers a real tool would refuse to write (escaping names,
 * duplicates, bombs) can only be made by hand. Well-formed images come from umoci in testdata/oci instead.
 */
public final class TestLayouts {
    private TestLayouts() {
    }

    /** One layer: its blob bytes, media type, and the DiffID to declare (null: the real one). */
    public record LayerSpec(byte[] blob, String mediaType, Digest diffId) {
        public static LayerSpec tar(byte[] tar) {
            return new LayerSpec(tar, MediaType.OCI_LAYER, Digest.sha256Of(tar));
        }
    }

    /** A tar built from entries: {@code "f path content"}, {@code "d path"}, {@code "s path target"}, {@code "h path target"}. */
    public static byte[] tar(String... entries) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
                t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (String e : entries) {
                    String[] f = e.split(" ", 3);
                    TarArchiveEntry te;
                    switch (f[0]) {
                        case "d" -> te = new TarArchiveEntry(f[1] + "/", TarArchiveEntry.LF_DIR);
                        case "s" -> {
                            te = new TarArchiveEntry(f[1], TarArchiveEntry.LF_SYMLINK);
                            te.setLinkName(f[2]);
                        }
                        case "h" -> {
                            te = new TarArchiveEntry(f[1], TarArchiveEntry.LF_LINK);
                            te.setLinkName(f[2]);
                        }
                        default -> {
                            te = new TarArchiveEntry(f[1]);
                            te.setSize(f[2].getBytes(StandardCharsets.UTF_8).length);
                        }
                    }
                    t.putArchiveEntry(te);
                    if (f[0].equals("f")) {
                        t.write(f[2].getBytes(StandardCharsets.UTF_8));
                    }
                    t.closeArchiveEntry();
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a layout with one image of the given layers; returns its directory. */
    public static Path write(Path dir, List<LayerSpec> layers) {
        try {
            Files.createDirectories(dir.resolve("blobs/sha256"));
            Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            List<String> diffIds = new ArrayList<>();
            StringBuilder layerJson = new StringBuilder();
            for (LayerSpec l : layers) {
                Digest d = Digest.sha256Of(l.blob());
                Files.write(dir.resolve("blobs/sha256/" + d.hex()), l.blob());
                diffIds.add("\"" + l.diffId() + "\"");
                layerJson.append(layerJson.length() == 0 ? "" : ",").append("{\"mediaType\":\"").append(l.mediaType())
                        .append("\",\"digest\":\"").append(d).append("\",\"size\":").append(l.blob().length).append('}');
            }
            byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                    + "\"diff_ids\":[" + String.join(",", diffIds) + "]}}").getBytes(StandardCharsets.UTF_8);
            Digest cd = blob(dir, config);
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"config\":"
                    + "{\"mediaType\":\"" + MediaType.OCI_CONFIG + "\",\"digest\":\"" + cd + "\",\"size\":"
                    + config.length + "},\"layers\":[" + layerJson + "]}").getBytes(StandardCharsets.UTF_8);
            Digest md = blob(dir, manifest);
            Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
                    + MediaType.OCI_MANIFEST + "\",\"digest\":\"" + md + "\",\"size\":" + manifest.length + "}]}");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Digest blob(Path dir, byte[] b) throws IOException {
        Digest d = Digest.sha256Of(b);
        Files.write(dir.resolve("blobs/sha256/" + d.hex()), b);
        return d;
    }

    /** Copies a layout directory (fixtures must not be modified). */
    public static Path copy(Path from, Path to) {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
