package dev.ocisc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The commit ocisc was built from and its date, recorded at build time. The date is the commit's, not the build's
 * (a rebuild of the same commit is byte-identical); built without git, the commit is "unknown" and the date is
 * the fixed timestamp of the build's archive entries.
 */
record BuildInfo(String commit, String date) {
    private static final String UNKNOWN = "unknown";

    static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return new BuildInfo(UNKNOWN, UNKNOWN);
        }
        return of(p);
    }

    /** From build.properties as Maven filtered it. */
    static BuildInfo of(Properties p) {
        String commit = filled(p.getProperty("commit"));
        String date = filled(p.getProperty("commit.date"));
        return new BuildInfo(commit == null ? UNKNOWN : commit,
                date != null ? date : java.util.Objects.requireNonNullElse(filled(p.getProperty("output.timestamp")),
                        UNKNOWN));
    }

    /** A value Maven filled in, or null for one it left as its ${...} placeholder (or never wrote). */
    private static String filled(String v) {
        return v == null || v.isBlank() || v.contains("${") ? null : v.strip();
    }
}
