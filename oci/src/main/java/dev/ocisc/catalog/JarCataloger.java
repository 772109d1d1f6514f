package dev.ocisc.catalog;

import dev.ocisc.oci.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Maven artifacts inside jars (and wars, ears): each {@code META-INF/maven/GROUP/ARTIFACT/pom.properties} entry,
 * and those of the jars nested one level deep (a Spring Boot {@code BOOT-INF/lib/}, a war's {@code WEB-INF/lib/});
 * deeper nesting is not opened. A jar streams into a temporary file (up to {@link #MAX_JAR}), since a zip is read
 * from its end, and is read from its central directory, so only the entries wanted are inflated, each under its
 * cap: a zip bomb inflates nothing it did not declare, and nothing past the caps, and memory holds no whole jar.
 * A nested jar's packages name it in {@code maven:nested_jar} with its SHA-256; the outer jar is their evidence.
 */
public final class JarCataloger implements LanguageCataloger {
    /** The largest fat jars are a few hundred megabytes. */
    static final long MAX_JAR = 1L << 30;
    /** One nested jar, inflated. */
    static final long MAX_NESTED_JAR = 256L << 20;
    /** Bytes inflated from nested jars of one jar, all together. */
    static final long MAX_NESTED_BYTES = 1L << 30;
    /** Entries of one jar: all a zip without Zip64 can list (the largest real jars list tens of thousands). */
    static final int MAX_ENTRIES = 0xffff;

    @Override
    public FileScan open(String path, long size, int mode) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.endsWith(".jar") || lower.endsWith(".war") || lower.endsWith(".ear") ? new Scan(path, size)
                : null;
    }

    private static final class Scan implements FileScan {
        private final String path;
        private final long size;
        private final List<String> warnings = new ArrayList<>();
        private Path spill;
        private FileChannel out;
        private long written;
        private boolean failed;

        Scan(String path, long size) {
            this.path = path;
            this.size = size;
            this.failed = size > MAX_JAR;
        }

        @Override
        public boolean wantsMore() {
            return !failed;
        }

        @Override
        public void data(byte[] buf, int off, int len) {
            if (failed) {
                return;
            }
            if (written + len > MAX_JAR) {
                failed = true;
                close();
                return;
            }
            try {
                if (out == null) {
                    spill = Files.createTempFile("ocisc-jar", ".jar");
                    spill.toFile().deleteOnExit(); // if the read stops before finish (bad input elsewhere)
                    out = FileChannel.open(spill, StandardOpenOption.WRITE, StandardOpenOption.READ);
                }
                ByteBuffer b = ByteBuffer.wrap(buf, off, len);
                while (b.hasRemaining()) {
                    out.write(b);
                }
                written += len;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep /" + path + " in a temporary file", e);
            }
        }

        private void close() {
            try {
                if (out != null) {
                    out.close();
                }
                if (spill != null) {
                    Files.deleteIfExists(spill);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out = null;
            spill = null;
        }

        private void warn(String message) {
            warnings.add("/" + path + ": " + message);
        }

        @Override
        public Found finish() {
            if (failed) {
                warn("a jar is " + Math.max(size, MAX_JAR + 1) + " bytes, above the " + MAX_JAR
                        + "-byte limit; not read");
                return new Found(List.of(), warnings);
            }
            if (out == null) {
                warn("not read as a jar: not a zip file");
                return new Found(List.of(), warnings);
            }
            try {
                return new Found(read(ZipArchive.open(out, MAX_ENTRIES)), warnings);
            } catch (IllegalArgumentException e) {
                warn("not read as a jar: " + e.getMessage());
                return new Found(List.of(), warnings);
            } finally {
                close();
            }
        }

        private List<LanguagePackage> read(ZipArchive zip) {
            List<LanguagePackage> out = new ArrayList<>();
            long nestedBytes = 0;
            for (ZipArchive.Entry e : zip.entries()) {
                if (MavenPom.PATH.matcher(e.name()).matches()) {
                    pom(zip, e, new TreeMap<>(), "", out);
                } else if (e.name().toLowerCase(Locale.ROOT).endsWith(".jar")) {
                    nestedBytes += e.size();
                    if (nestedBytes > MAX_NESTED_BYTES) {
                        warn("nested jars hold more than " + MAX_NESTED_BYTES + " bytes (limit); "
                                + WholeFileScan.shown(e.name()) + " and later ones not read");
                        break;
                    }
                    nested(zip, e, out);
                }
            }
            return out;
        }

        /** A jar inside the jar: inflated into a temporary file, and its own pom.properties read; no deeper. */
        private void nested(ZipArchive outer, ZipArchive.Entry e, List<LanguagePackage> out) {
            Path tmp = null;
            try {
                tmp = Files.createTempFile("ocisc-nested", ".jar");
                MessageDigest sha = Digest.newSha256();
                try (OutputStream o = new DigestOutputStream(Files.newOutputStream(tmp), sha)) {
                    outer.copy(e, MAX_NESTED_JAR, o);
                }
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.READ)) {
                    ZipArchive zip = ZipArchive.open(ch, MAX_ENTRIES);
                    TreeMap<String, String> props = new TreeMap<>();
                    props.put("maven:nested_jar", e.name());
                    props.put("maven:nested_jar_sha256", HexFormat.of().formatHex(sha.digest()));
                    for (ZipArchive.Entry n : zip.entries()) {
                        if (MavenPom.PATH.matcher(n.name()).matches()) {
                            pom(zip, n, props, e.name() + "!/", out);
                        }
                    }
                }
            } catch (IllegalArgumentException x) {
                warn("nested jar " + WholeFileScan.shown(e.name()) + " not read: " + x.getMessage());
            } catch (IOException x) {
                throw new UncheckedIOException("cannot unpack a nested jar of /" + path, x);
            } finally {
                if (tmp != null) {
                    try {
                        Files.deleteIfExists(tmp);
                    } catch (IOException ignored) {
                        // a temporary file left behind is no wrong result
                    }
                }
            }
        }

        private void pom(ZipArchive zip, ZipArchive.Entry e, TreeMap<String, String> props, String prefix,
                List<LanguagePackage> out) {
            try {
                out.add(MavenPom.parse(e.name(), zip.read(e, MavenPom.MAX_PROPERTIES), new TreeMap<>(props)));
            } catch (IllegalArgumentException x) {
                warn(WholeFileScan.shown(prefix + e.name()) + " not read: " + x.getMessage());
            }
        }
    }
}
