package dev.ocisc.sbom;

import java.util.Locale;

/** CPE 2.3 formatted-string binding (NISTIR 7695, section 6.2). */
public final class Cpe {
    private Cpe() {
    }

    /**
     * An application CPE for {@code product} at {@code version}, with the vendor left as ANY ({@code *}): the
     * store does not say who the vendor is, and a guessed vendor would be a false claim. Null when the version is
     * empty, since a CPE without a version matches every release.
     */
    public static String application(String vendor, String product, String version) {
        if (version == null || version.isEmpty() || product == null || product.isEmpty()) {
            return null;
        }
        String v = vendor == null || vendor.isEmpty() ? "*" : escape(vendor);
        return "cpe:2.3:a:" + v + ":" + escape(product) + ":" + escape(version) + ":*:*:*:*:*:*:*";
    }

    /**
     * An operating-system CPE ({@code cpe:2.3:o:VENDOR:PRODUCT:VERSION:*:*:*:*:*:*:*}); null without a version, as
     * for {@link #application}.
     */
    public static String operatingSystem(String vendor, String product, String version) {
        if (version == null || version.isEmpty() || vendor == null || vendor.isEmpty() || product == null
                || product.isEmpty()) {
            return null;
        }
        return "cpe:2.3:o:" + escape(vendor) + ":" + escape(product) + ":" + escape(version) + ":*:*:*:*:*:*:*";
    }

    /**
     * os-release's {@code CPE_NAME}, a CPE 2.2 URI ({@code cpe:/o:fedoraproject:fedora:39}), as a 2.3 formatted
     * string; null when it is not a plain URI of an operating system (percent-encoded or packed values included:
     * better no CPE than a wrongly unbound one).
     */
    public static String fromUri(String uri) {
        if (uri == null || !uri.matches("cpe:/o(:[A-Za-z0-9._-]*){2,5}")) {
            return null;
        }
        String[] parts = uri.substring("cpe:/o:".length()).split(":", -1);
        StringBuilder b = new StringBuilder("cpe:2.3:o");
        for (int i = 0; i < 10; i++) {
            String v = i < parts.length ? parts[i] : "";
            b.append(':').append(v.isEmpty() ? "*" : escape(v));
        }
        return b.toString();
    }

    /**
     * Escapes one attribute value: lowercase; letters, digits, '_', '-' and '.' stay; whitespace becomes '_';
     * every other printable character, '*' and '?' included, is quoted with a backslash.
     */
    public static String escape(String value) {
        StringBuilder b = new StringBuilder();
        for (char c : value.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.') {
                b.append(c);
            } else if (Character.isWhitespace(c)) {
                b.append('_');
            } else if (c > 0x20 && c < 0x7f) {
                b.append('\\').append(c);
            } else {
                // CPE values are printable ASCII; anything else is dropped rather than producing an invalid name
                b.append("");
            }
        }
        return b.toString();
    }
}
