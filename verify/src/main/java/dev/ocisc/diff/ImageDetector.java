package dev.ocisc.diff;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.ocisc.oci.layout.LayoutDirectory;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Tells an image (layout directory, oci-archive, docker-archive, whole-compressed archive) from a plain tree or tar,
 * by content. An archive's first entry gives it away: image writers start with {@code oci-layout}, {@code blobs/},
 * {@code index.json}, {@code manifest.json} or a digest-named layer; a file tree never does. Only the first header
 * is read, so a large layer tar is not decompressed to find out that it is not an image.
 */
public final class ImageDetector {
    private static final Pattern IMAGE_FIRST_ENTRY = Pattern.compile(
            "(\\./)?(oci-layout|index\\.json|manifest\\.json|repositories|blobs(/.*)?|[0-9a-f]{64}(\\.json|\\.tar|/.*)?)/?");

    private ImageDetector() {
    }

    public static boolean isImage(Path path) {
        if (Files.isDirectory(path)) {
            return LayoutDirectory.looksLikeLayout(path);
        }
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (InputStream file = new BufferedInputStream(Files.newInputStream(path))) {
            file.mark(8);
            byte[] magic = file.readNBytes(4);
            file.reset();
            InputStream tar = switch (CompressionSniffer.format(magic, magic.length)) {
                case "gzip" -> new GZIPInputStream(file);
                case "zstd" -> new ZstdInputStreamNoFinalizer(file);
                default -> file;
            };
            // PAX and GNU long-name headers come before the first real entry: skip a few of them.
            for (int i = 0; i < 4; i++) {
                byte[] header = tar.readNBytes(512);
                if (!TreeReader.looksLikeTar(header)) {
                    return false;
                }
                char type = (char) header[156];
                if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
                    long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII)
                            .replace("\0", "").trim(), 8);
                    byte[] data = tar.readNBytes((int) Math.min(((size + 511) / 512) * 512, 1 << 16));
                    if (type == 'L') {
                        return IMAGE_FIRST_ENTRY.matcher(cString(data, 0, (int) Math.min(size, data.length)))
                                .matches();
                    }
                    continue;
                }
                return IMAGE_FIRST_ENTRY.matcher(cString(header, 0, 100)).matches();
            }
            return false;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static String cString(byte[] b, int from, int max) {
        int end = from;
        while (end < from + max && b[end] != 0) {
            end++;
        }
        return new String(b, from, end - from, StandardCharsets.UTF_8);
    }
}
