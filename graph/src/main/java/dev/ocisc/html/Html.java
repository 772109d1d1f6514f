package dev.ocisc.html;

import dev.ocisc.text.ReportText;

/**
 * Makes text from inputs safe in an HTML report: markup characters become entities and control characters the
 * visible escapes of {@link ReportText}, so a file or package name can neither add markup nor hide in the page.
 */
public final class Html {
    private Html() {
    }

    /** Text of one line, for an element's content or a quoted attribute value. */
    public static String text(String s) {
        return s == null ? "" : escape(ReportText.line(s));
    }

    /** Text of several lines (a file's content), newlines and tabs kept. */
    public static String block(String s) {
        return s == null ? "" : escape(ReportText.block(s));
    }

    /**
     * JSON text embedded in a {@code <script type="application/json">} element: '<', '>' and '&' as JSON escapes,
     * so no input can close the element; the line separators JavaScript once read as line ends, too.
     */
    public static String scriptJson(String json) {
        StringBuilder sb = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> sb.append("\\u003c");
                case '>' -> sb.append("\\u003e");
                case '&' -> sb.append("\\u0026");
                case '\u2028' -> sb.append("\\u2028");
                case '\u2029' -> sb.append("\\u2029");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String e = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (e != null && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (e != null) {
                    sb.append(e);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }
}
