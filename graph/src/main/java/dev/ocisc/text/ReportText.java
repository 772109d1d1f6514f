package dev.ocisc.text;

/**
 * Makes text from inputs (file names, link targets, package names, error messages) safe to print in a text or
 * Markdown report or on a terminal: control characters become visible escapes, so a name cannot move the
 * cursor, recolour the terminal, ring its bell or start a report line of its own. JSON reports keep the exact
 * text instead; these escapes are for reading, not for parsing back (a backslash is left as it is).
 */
public final class ReportText {
    private ReportText() {
    }

    /** One line: every control character is escaped, newlines and tabs included. */
    public static String line(String s) {
        return escape(s, false);
    }

    /** Several lines (a file's content): newlines and tabs are kept, every other control character is escaped. */
    public static String block(String s) {
        return escape(s, true);
    }

    /** A Markdown code span of one line: shown as it is, with no backtick to end the span early. */
    public static String code(String s) {
        return "`" + line(s).replace('`', '\'') + "`";
    }

    private static String escape(String s, boolean keepLines) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !unsafe(s.charAt(i), keepLines)) {
            i++;
        }
        if (i == s.length()) {
            return s; // the usual case: nothing to escape, nothing copied
        }
        StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!unsafe(c, keepLines)) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x80) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    /**
     * C0 and C1 controls and DEL (terminal escapes, bell, carriage return, line breaks), Unicode's line and
     * paragraph separators, and the bidirectional overrides that make text display in another order than it is
     * read.
     */
    private static boolean unsafe(char c, boolean keepLines) {
        if (c >= 0x20 && c < 0x7f) {
            return false;
        }
        if (keepLines && (c == '\n' || c == '\t')) {
            return false;
        }
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200e' || c == '\u200f' || c == '\u061c';
    }
}
