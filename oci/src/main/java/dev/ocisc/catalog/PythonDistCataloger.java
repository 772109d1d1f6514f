package dev.ocisc.catalog;

import dev.ocisc.oci.Digest;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Python distributions from their installed metadata: {@code *.dist-info/METADATA} (what pip and wheels install),
 * {@code *.egg-info/PKG-INFO} (setuptools' older form) and a file {@code *.egg-info} (distutils'), as
 * {@code importlib.metadata} finds them. A
 * dist-info's {@code RECORD} lists the hash of its {@code METADATA}; when the two disagree the distribution was
 * changed after it was installed, and that is a warning.
 */
public final class PythonDistCataloger implements LanguageCataloger {
    /** Core metadata holds the long description; the largest real ones are a few hundred kilobytes. */
    static final long MAX_METADATA = 4L << 20;
    /** RECORD lists every installed file; a huge distribution lists tens of thousands. */
    static final long MAX_RECORD = 32L << 20;
    private static final Pattern METADATA = Pattern.compile("(?:.*/)?[^/]+\\.dist-info/METADATA");
    private static final Pattern PKG_INFO = Pattern.compile("(?:.*/)?[^/]+\\.egg-info/PKG-INFO");
    private static final Pattern RECORD = Pattern.compile("(?:.*/)?([^/]+\\.dist-info)/RECORD");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern B64_SHA256 = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** dist-info directory (full path) -> hex SHA-256 of its METADATA, seen or claimed by RECORD. */
    private final Map<String, String> metadataSeen = new HashMap<>();
    private final Map<String, String> recordClaims = new HashMap<>();

    @Override
    public FileScan open(String path, long size, int mode) {
        if (!path.endsWith("/METADATA") && !path.endsWith("/PKG-INFO") && !path.endsWith("/RECORD")
                && !path.endsWith(".egg-info")) {
            return null; // the usual case, decided without a regular expression
        }
        // distutils' install_egg_info writes the metadata as a file named *.egg-info, not a directory.
        if (METADATA.matcher(path).matches() || PKG_INFO.matcher(path).matches() || path.endsWith(".egg-info")) {
            return new MetadataScan(path, size);
        }
        if (RECORD.matcher(path).matches()) {
            return new RecordScan(path, size);
        }
        return null;
    }

    private static String dir(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }

    /** Compares what RECORD says of METADATA with the file, once both were read. */
    private void check(String dir, WholeFileScan scan) {
        String seen = metadataSeen.get(dir);
        String claimed = recordClaims.get(dir);
        if (seen != null && claimed != null && !seen.equals(claimed)) {
            scan.warnAbout("/" + dir + "/RECORD: lists METADATA with sha256 " + claimed + ", but METADATA has "
                    + seen + ": changed after it was installed");
        }
    }

    private final class MetadataScan extends WholeFileScan {
        private final MessageDigest sha256;

        MetadataScan(String path, long size) {
            super(path, size, MAX_METADATA, "Python package metadata");
            sha256 = Digest.newSha256();
        }

        @Override
        public void data(byte[] buf, int off, int len) {
            super.data(buf, off, len);
            sha256.update(buf, off, len);
        }

        @Override
        List<LanguagePackage> parse(byte[] content) {
            String d = dir(path);
            if (path.endsWith("/METADATA")) {
                metadataSeen.put(d, HexFormat.of().formatHex(sha256.digest()));
                check(d, this);
            }
            CoreMetadata m = CoreMetadata.parse(content);
            String name = m.single("Name");
            String version = m.single("Version");
            if (name == null || name.isEmpty() || version == null || version.isEmpty()) {
                throw new IllegalArgumentException("no " + (name == null || name.isEmpty() ? "Name" : "Version")
                        + " header");
            }
            String expression = m.single("License-Expression");
            String license = expression != null ? expression : m.single("License");
            return List.of(declared("pypi", null, name, version, null, license, new TreeMap<>()));
        }
    }

    private final class RecordScan extends WholeFileScan {
        RecordScan(String path, long size) {
            super(path, size, MAX_RECORD, "Python RECORD");
        }

        @Override
        List<LanguagePackage> parse(byte[] content) {
            String d = dir(path);
            String distInfo = d.substring(d.lastIndexOf('/') + 1);
            String text = new String(content, java.nio.charset.StandardCharsets.UTF_8);
            for (String line : text.split("\n", -1)) {
                List<String> fields = csv(line);
                if (fields.size() >= 2 && fields.get(0).equals(distInfo + "/METADATA")
                        && fields.get(1).startsWith("sha256=")) {
                    String h = fields.get(1).substring(7);
                    if (HEX_SHA256.matcher(h).matches()) {
                        recordClaims.put(d, h); // Debian's dh-python writes hex
                    } else if (B64_SHA256.matcher(h).matches()) {
                        recordClaims.put(d, HexFormat.of().formatHex(Base64.getUrlDecoder().decode(h)));
                    } else {
                        warn("the sha256 of METADATA is neither unpadded urlsafe base64 (PEP 376) nor hex: "
                                + shown(h));
                    }
                    check(d, this);
                    break;
                }
            }
            return List.of();
        }

        /** One CSV line as Python's csv module writes it (RECORD's format): commas, double quotes doubled. */
        private static List<String> csv(String line) {
            List<String> out = new ArrayList<>();
            StringBuilder f = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        f.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    out.add(f.toString());
                    f.setLength(0);
                } else if (c != '\r') {
                    f.append(c);
                }
            }
            out.add(f.toString());
            return out;
        }
    }
}
