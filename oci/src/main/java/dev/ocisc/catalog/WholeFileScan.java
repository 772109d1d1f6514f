package dev.ocisc.catalog;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.text.ReportText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The scan of a small manifest that is read whole (METADATA, package.json, a lock file, pom.properties): kept in
 * memory up to its cap, then parsed. A file above the cap, or one that does not parse, is a warning naming it;
 * the packages it could not prove are left out, never guessed.
 */
abstract class WholeFileScan implements LanguageCataloger.FileScan {
    protected final String path;
    private final long cap;
    private final String what;
    private final long size;
    /** Sized by what the file says it holds, so a whole file is never copied again. */
    private byte[] bytes;
    private int length;
    private boolean over;
    /** Warnings listed for one file: a lock file of a million bad entries is not a million lines of warnings. */
    static final int MAX_WARNINGS = 20;
    private final List<String> warnings = new ArrayList<>();
    private int warned;

    /**
     * @param path relative path of the file (no leading {@code /})
     * @param what what the file is, for the warning ({@code "Python package metadata"})
     */
    WholeFileScan(String path, long size, long cap, String what) {
        this.path = path;
        this.size = size;
        this.cap = cap;
        this.what = what;
        this.over = size > cap;
        this.bytes = over ? null : new byte[(int) Math.max(0, size)];
    }

    @Override
    public void data(byte[] buf, int off, int len) {
        if (over) {
            return;
        }
        if (length + (long) len > cap) {
            over = true;
            bytes = null;
            return;
        }
        if (length + len > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(cap, Math.max(length + (long) len, bytes.length * 2L)));
        }
        System.arraycopy(buf, off, bytes, length, len);
        length += len;
    }

    @Override
    public boolean wantsMore() {
        return !over;
    }

    @Override
    public LanguageCataloger.Found finish() {
        if (over) {
            warn(what + " is " + Math.max(size, cap + 1) + " bytes, above the " + cap + "-byte limit; not read");
            return new LanguageCataloger.Found(List.of(), warnings());
        }
        try {
            return new LanguageCataloger.Found(parse(length == bytes.length ? bytes : Arrays.copyOf(bytes, length)), warnings());
        } catch (InvalidInputException | IllegalArgumentException e) {
            String m = e.getMessage();
            warn("not read as " + what + ": " + (m.startsWith(source() + ": ") ? m.substring(source().length() + 2) : m));
            return new LanguageCataloger.Found(List.of(), warnings());
        }
    }

    /** The packages the whole file declares; bad content throws {@link IllegalArgumentException}. */
    abstract List<LanguagePackage> parse(byte[] content);

    /** An input value quoted for a one-line warning: control characters escaped, at most 80 characters. */
    static String shown(String value) {
        String s = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return "\"" + ReportText.line(s) + "\"";
    }

    /** The file as warnings and JSON errors name it. */
    String source() {
        return "/" + path;
    }

    /** A warning naming the file; past {@link #MAX_WARNINGS} they are counted, not listed. */
    void warn(String message) {
        if (++warned <= MAX_WARNINGS) {
            warnings.add("/" + path + ": " + message);
        }
    }

    /** A warning that names another file itself (one the cataloger compared this one with). */
    void warnAbout(String warning) {
        if (++warned <= MAX_WARNINGS) {
            warnings.add(warning);
        }
    }

    /** The warnings, the ones past the cap summed up in one. */
    private List<String> warnings() {
        if (warned > MAX_WARNINGS) {
            warnings.add("/" + path + ": " + (warned - MAX_WARNINGS) + " more warnings like these");
        }
        return warnings;
    }

    /**
     * A package as an ecosystem declares it: the licence kept as an SPDX expression only when it is one, else as
     * the property {@code ecosystem:declared_license}.
     */
    static LanguagePackage declared(String ecosystem, String namespace, String name, String version, String hash,
            String declaredLicense, TreeMap<String, String> properties) {
        String spdx = SpdxExpression.valid(declaredLicense);
        if (spdx == null && declaredLicense != null && !declaredLicense.isBlank()) {
            properties.put(ecosystem + ":declared_license", declaredLicense.strip());
        }
        return new LanguagePackage(ecosystem, namespace, name, version, hash, spdx, false, null, null, properties);
    }
}
