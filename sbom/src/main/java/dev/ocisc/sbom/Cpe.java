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
