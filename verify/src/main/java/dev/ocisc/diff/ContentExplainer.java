package dev.ocisc.diff;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Shows how two versions of a file differ and guesses why: the differing byte runs are widened to whole tokens
 * and matched against what builds typically leak (a date or time, a build directory, the host name, random
 * bytes). A guess is only made from the differing bytes themselves, never from the file name.
 */
final class ContentExplainer {
    static final int TEXT_LIMIT = 64 * 1024;
    static final int CAPTURE = 1 << 20;

    private static final Pattern TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}|\\d{1,2}:\\d{2}(:\\d{2})?|\\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\\b"
                    + "|\\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\\b|^\\D*[1-4]\\d{9}(\\.\\d+)?\\D*$");
    private static final Pattern BUILD_PATH = Pattern.compile("/tmp/|/build/|nix-build-|/var/tmp/");
    private static final Pattern RANDOM = Pattern.compile("[0-9A-Za-z+/=_-]{8,}");

    private final Map<String, DriftClass> hints;

    ContentExplainer(Map<String, DriftClass> hints) {
        this.hints = hints;
    }

    record Explained(ContentDiff diff, DriftClass drift, String evidence) {
    }

    Explained explain(String path, ContentCapture.Captured a, ContentCapture.Captured b) {
        String ta = text(a);
        String tb = text(b);
        if (ta != null && tb != null && a.size() <= TEXT_LIMIT && b.size() <= TEXT_LIMIT) {
            UnifiedDiff.Result r = UnifiedDiff.diff(path, ta, tb);
            if (r != null) {
                List<String[]> segments = new ArrayList<>();
                for (UnifiedDiff.Change c : r.changes()) {
                    segments.add(middle(c.removed().getBytes(StandardCharsets.UTF_8),
                            c.added().getBytes(StandardCharsets.UTF_8), 0));
                }
                long first = firstDifference(a.bytes(), b.bytes());
                return classify(new ContentDiff(path, "unified", r.text(), a.size(), b.size(), first), segments);
            }
        }
        long first = firstDifference(a.bytes(), b.bytes());
        boolean inWindow = first >= 0 && (first < a.bytes().length || first < b.bytes().length);
        if (!inWindow) {
            return new Explained(new ContentDiff(path, "sizes", "", a.size(), b.size(), first < 0 ? -1 : first),
                    DriftClass.CONTENT, "");
        }
        String hex = "A:\n" + hexWindow(a.bytes(), first) + "B:\n" + hexWindow(b.bytes(), first);
        List<String[]> segments = List.<String[]>of(middle(a.bytes(), b.bytes(), (int) first));
        return classify(new ContentDiff(path, "hex", hex, a.size(), b.size(), first), segments);
    }

    private Explained classify(ContentDiff diff, List<String[]> segments) {
        DriftClass best = DriftClass.CONTENT;
        String evidence = "";
        for (String[] seg : segments) {
            DriftClass c = classOf(seg[0], seg[1]);
            if (c.ordinal() < best.ordinal() || best == DriftClass.CONTENT) {
                if (c != DriftClass.CONTENT) {
                    best = c;
                    evidence = "'" + clip(seg[0]) + "' vs '" + clip(seg[1]) + "'";
                }
            }
        }
        return new Explained(diff, best, evidence);
    }

    DriftClass classOf(String a, String b) {
        for (Map.Entry<String, DriftClass> h : sortedHints()) {
            if (a.contains(h.getKey()) || b.contains(h.getKey())) {
                return h.getValue();
            }
        }
        if (BUILD_PATH.matcher(a).find() && BUILD_PATH.matcher(b).find()) {
            return DriftClass.BUILD_PATH;
        }
        if (TIME.matcher(a).find() && TIME.matcher(b).find()) {
            return DriftClass.EMBEDDED_TIME;
        }
        String ca = a.replaceAll("\\s", "");
        String cb = b.replaceAll("\\s", "");
        if (RANDOM.matcher(ca).matches() && RANDOM.matcher(cb).matches()) {
            return DriftClass.RANDOMNESS;
        }
        return DriftClass.CONTENT;
    }

    private List<Map.Entry<String, DriftClass>> sortedHints() {
        List<Map.Entry<String, DriftClass>> l = new ArrayList<>(hints.entrySet());
        l.removeIf(e -> e.getKey().isEmpty());
        l.sort(Map.Entry.comparingByKey());
        return l;
    }

    /** The differing run of two byte strings from {@code from}, widened on both ends to token boundaries. */
    static String[] middle(byte[] a, byte[] b, int from) {
        int p = from;
        while (p < a.length && p < b.length && a[p] == b[p]) {
            p++;
        }
        int sa = a.length;
        int sb = b.length;
        if (sa - p <= 4096 && sb - p <= 4096) {
            // short tails (one changed line): the run ends where the common suffix starts
            while (sa > p && sb > p && a[sa - 1] == b[sb - 1]) {
                sa--;
                sb--;
            }
        } else {
            // inside a large file only the first differing byte is known; widening finds its token
            sa = Math.min(a.length, p + 1);
            sb = Math.min(b.length, p + 1);
        }
        int start = p;
        while (start > 0 && token(a[start - 1])) {
            start--;
        }
        return new String[] {widen(a, start, sa), widen(b, start, sb)};
    }

    private static String widen(byte[] x, int start, int end) {
        int e = Math.max(start, end);
        while (e < x.length && token(x[e])) {
            e++;
        }
        e = Math.min(e, start + 512);
        StringBuilder sb = new StringBuilder();
        for (int i = start; i < e && i < x.length; i++) {
            int c = x[i] & 0xff;
            sb.append(c >= 0x20 && c < 0x7f ? (char) c : ' ');
        }
        return sb.toString().trim();
    }

    private static boolean token(byte c) {
        return c > 0x20 && c < 0x7f && c != '"' && c != '\'' && c != '=' && c != ';' && c != ','
                && c != '(' && c != ')' && c != '<' && c != '>';
    }

    static long firstDifference(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return a.length == b.length ? -1 : n;
    }

    static String hexWindow(byte[] x, long first) {
        int start = (int) Math.max(0, (first / 16) * 16 - 16);
        int end = (int) Math.min(x.length, start + 64);
        StringBuilder sb = new StringBuilder();
        for (int row = start; row < end; row += 16) {
            sb.append(String.format("%08x ", row));
            StringBuilder ascii = new StringBuilder();
            for (int i = row; i < row + 16; i++) {
                if (i < end) {
                    sb.append(String.format(" %02x", x[i] & 0xff));
                    int c = x[i] & 0xff;
                    ascii.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
                } else {
                    sb.append("   ");
                }
            }
            sb.append("  |").append(ascii).append("|\n");
        }
        if (start >= end) {
            sb.append(String.format("%08x  (end of file)%n", start));
        }
        return sb.toString();
    }

    private static String text(ContentCapture.Captured c) {
        if (!c.whole()) {
            return null;
        }
        for (byte x : c.bytes()) {
            if (x == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(c.bytes())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
