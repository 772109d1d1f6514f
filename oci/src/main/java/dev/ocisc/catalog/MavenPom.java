package dev.ocisc.catalog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code META-INF/maven/GROUP/ARTIFACT/pom.properties} that Maven's archiver writes into every artifact it
 * packages: groupId, artifactId and version. The directory names the same group and artifact; a file that says
 * otherwise was copied or edited and is not believed.
 */
final class MavenPom {
    /** Real ones are a few hundred bytes. */
    static final long MAX_PROPERTIES = 64 * 1024;
    static final Pattern PATH = Pattern.compile("(?:.*/)?META-INF/maven/([^/]+)/([^/]+)/pom\\.properties");
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.-]+");

    private MavenPom() {
    }

    /**
     * The artifact {@code content} declares, at {@code path} (which {@link #PATH} matched).
     *
     * @throws IllegalArgumentException when a coordinate is missing, malformed or not where the file lies
     */
    static LanguagePackage parse(String path, byte[] content, TreeMap<String, String> properties) {
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            throw new IllegalArgumentException(path + " is not a pom.properties path");
        }
        Properties p = new Properties();
        try {
            // Properties files are ISO 8859-1 with \\u escapes, as Maven writes them.
            p.load(new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.ISO_8859_1));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a properties file: " + e.getMessage());
        }
        String group = p.getProperty("groupId");
        String artifact = p.getProperty("artifactId");
        String version = p.getProperty("version");
        for (String[] f : new String[][] {{"groupId", group}, {"artifactId", artifact}, {"version", version}}) {
            if (f[1] == null || !PART.matcher(f[1].strip()).matches()) {
                throw new IllegalArgumentException(f[1] == null ? "no " + f[0]
                        : f[0] + " " + WholeFileScan.shown(f[1]) + " is not a Maven coordinate");
            }
        }
        group = group.strip();
        artifact = artifact.strip();
        if (!group.equals(m.group(1)) || !artifact.equals(m.group(2))) {
            throw new IllegalArgumentException("says " + group + ":" + artifact + " in the directory of "
                    + m.group(1) + ":" + m.group(2));
        }
        return new LanguagePackage("maven", group, artifact, version.strip(), null, null, false, null, null,
                properties);
    }
}
