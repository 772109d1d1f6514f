package dev.ocisc.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.json.StrictJson;
import dev.ocisc.text.Noun;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Compares two JSON documents of an image (index, manifest, config, docker's manifest.json) field by field. Each
 * differing value is one finding: {@code path} names the document, {@code field} the JSON path inside it
 * ({@code created}, {@code history[3].created_by}, {@code annotations["org.opencontainers.image.created"]}).
 * When the parsed data are equal and only the bytes differ, the findings say how the serialization differs.
 */
public final class DocumentDiff {
    /** Which document: decides the class of each field. */
    public enum Kind { INDEX, MANIFEST, CONFIG, DOCKER_MANIFEST, OTHER }

    private static final String CREATED_ANNOTATION = "annotations[\"org.opencontainers.image.created\"]";
    private static final Pattern HISTORY_CREATED = Pattern.compile("history\\[\\d+]\\.created");
    private static final Pattern INDEXED = Pattern.compile("\\[\\d+]");

    private final String name;
    private final Kind kind;
    private final boolean skipDerived;

    /**
     * @param name        the document as findings name it ({@code config}, {@code manifest}, {@code index.json})
     * @param skipDerived leave out descriptor digests and sizes and {@code rootfs.diff_ids}: in an image diff the
     *                    blobs they name are compared themselves, and their findings say why they differ
     */
    public DocumentDiff(String name, Kind kind, boolean skipDerived) {
        this.name = name;
        this.kind = kind;
        this.skipDerived = skipDerived;
    }

    public List<Finding> compare(byte[] a, byte[] b) {
        List<Finding> out = new ArrayList<>();
        if (Arrays.equals(a, b)) {
            return out;
        }
        JsonNode x = parse(a, "A");
        JsonNode y = parse(b, "B");
        if (x.equals(y)) {
            serialization(a, b, x, y, out);
        } else {
            walk(x, y, "", out);
        }
        return out;
    }

    /** As sbom reads the same image (StrictJson): one set of rules for every command. */
    private JsonNode parse(byte[] content, String side) {
        return StrictJson.parse(content, name + " (" + side + ")");
    }

    // ---- data ----

    private void walk(JsonNode x, JsonNode y, String path, List<Finding> out) {
        if (x != null && y != null && x.equals(y)) {
            return;
        }
        if (x != null && y != null && x.isObject() && y.isObject()) {
            Set<String> keys = new TreeSet<>();
            x.fieldNames().forEachRemaining(keys::add);
            y.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                walk(x.get(k), y.get(k), child(path, k), out);
            }
            return;
        }
        if (x != null && y != null && x.isArray() && y.isArray()) {
            for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
                walk(x.get(i), y.get(i), path + "[" + i + "]", out);
            }
            return;
        }
        String va = x == null ? "" : text(x);
        String vb = y == null ? "" : text(y);
        String field = path.isEmpty() ? "(document)" : path;
        if (skipDerived && derived(path)) {
            return;
        }
        out.add(classify(field, x, y, va, vb));
    }

    /** A JSON path component: {@code .key} for identifiers, {@code ["key"]} for anything else (annotations). */
    private static String child(String path, String key) {
        if (key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return path.isEmpty() ? key : path + "." + key;
        }
        return path + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.asText() : n.toString();
    }

    /** Fields that only restate another blob's digest or size: the comparison of that blob explains them. */
    private boolean derived(String path) {
        String p = INDEXED.matcher(path).replaceAll("[]");
        return switch (kind) {
            case INDEX -> p.equals("manifests[].digest") || p.equals("manifests[].size") || p.equals("manifests[]");
            case MANIFEST -> p.equals("config.digest") || p.equals("config.size") || p.equals("layers[].digest")
                    || p.equals("layers[].size") || p.equals("layers[]");
            case CONFIG -> p.equals("rootfs.diff_ids[]");
            case DOCKER_MANIFEST -> p.equals("[].Config") || p.equals("[].Layers[]");
            case OTHER -> false;
        };
    }

    private Finding classify(String field, JsonNode x, JsonNode y, String va, String vb) {
        boolean timeField = switch (kind) {
            case CONFIG -> field.equals("created") || HISTORY_CREATED.matcher(field).matches();
            case INDEX, MANIFEST -> field.endsWith(CREATED_ANNOTATION);
            default -> false;
        };
        if (timeField) {
            if (x != null && y != null && sameInstant(va, vb)) {
                return new Finding(DriftClass.JSON, name, field, va, vb,
                        "the same instant spelled differently (" + spelling(va) + " vs " + spelling(vb) + ")");
            }
            return new Finding(DriftClass.CREATED, name, field, va, vb,
                    "a build time recorded; SOURCE_DATE_EPOCH (or a clamped time) makes it fixed");
        }
        DriftClass c = switch (kind) {
            case CONFIG -> field.startsWith("history") ? DriftClass.HISTORY
                    : field.startsWith("rootfs") ? DriftClass.LAYERS : DriftClass.CONFIG;
            case MANIFEST -> INDEXED.matcher(field).replaceAll("[]").equals("layers[].mediaType")
                    && stripCompression(va).equals(stripCompression(vb)) ? DriftClass.COMPRESSION : DriftClass.MANIFEST;
            case INDEX, DOCKER_MANIFEST -> DriftClass.MANIFEST;
            case OTHER -> DriftClass.CONTENT;
        };
        String note = x == null ? "only in B" : y == null ? "only in A" : "";
        if (c == DriftClass.COMPRESSION) {
            note = "the layer's media type follows its compression";
        }
        return new Finding(c, name, field, va, vb, note);
    }

    private static String stripCompression(String mediaType) {
        return mediaType.replaceAll("[.+](gzip|zstd)$", "");
    }

    private static boolean sameInstant(String a, String b) {
        try {
            return OffsetDateTime.parse(a).toInstant().equals(OffsetDateTime.parse(b).toInstant());
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String spelling(String time) {
        if (time.endsWith("Z")) {
            return "Z";
        }
        int plus = Math.max(time.lastIndexOf('+'), time.lastIndexOf('-'));
        return plus > 10 ? time.substring(plus) : time;
    }

    // ---- serialization: same data, different bytes ----

    private void serialization(byte[] a, byte[] b, JsonNode x, JsonNode y, List<Finding> out) {
        String sa = new String(a, java.nio.charset.StandardCharsets.UTF_8);
        String sb = new String(b, java.nio.charset.StandardCharsets.UTF_8);
        int before = out.size();
        String ta = trailing(sa);
        String tb = trailing(sb);
        if (!ta.equals(tb)) {
            out.add(new Finding(DriftClass.JSON, name, "json.trailing", escape(ta), escape(tb),
                    ta.contains("\n") != tb.contains("\n") ? "a trailing newline on one side only (a JSON encoder "
                            + "that ends with one, e.g. Go's json.Encoder, against one that does not)" : ""));
        }
        keyOrder(x, y, "", out);
        String ia = layout(sa.strip());
        String ib = layout(sb.strip());
        if (!ia.equals(ib)) {
            out.add(new Finding(DriftClass.JSON, name, "json.whitespace", ia, ib, "indentation or spacing"));
        }
        if (out.size() == before) {
            String ma = minify(sa);
            String mb = minify(sb);
            int i = 0;
            while (i < Math.min(ma.length(), mb.length()) && ma.charAt(i) == mb.charAt(i)) {
                i++;
            }
            out.add(new Finding(DriftClass.JSON, name, "json.spelling", window(ma, i), window(mb, i),
                    "the same values spelled differently: string escapes (e.g. \\u003c for <) or number format"));
        }
    }

    private static String trailing(String s) {
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(end);
    }

    private static String escape(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t").replace(" ", "\\s");
    }

    /** Every object whose keys come in another order; the note names it. */
    private void keyOrder(JsonNode x, JsonNode y, String path, List<Finding> out) {
        if (x.isObject()) {
            List<String> kx = new ArrayList<>();
            List<String> ky = new ArrayList<>();
            x.fieldNames().forEachRemaining(kx::add);
            y.fieldNames().forEachRemaining(ky::add);
            if (!kx.equals(ky)) {
                out.add(new Finding(DriftClass.JSON, name, "json.key_order", String.join(",", kx),
                        String.join(",", ky), "keys of " + (path.isEmpty() ? "the top-level object" : path)
                                + " in another order (a map serialized without sorting, or another struct order)"));
            }
            for (String k : kx) {
                keyOrder(x.get(k), y.get(k), child(path, k), out);
            }
        } else if (x.isArray()) {
            Iterator<JsonNode> ix = x.elements();
            Iterator<JsonNode> iy = y.elements();
            int i = 0;
            while (ix.hasNext()) {
                keyOrder(ix.next(), iy.next(), path + "[" + i++ + "]", out);
            }
        }
    }

    /** How a document is laid out: compact, or indented by N spaces or tabs; with CRLF line ends. */
    static String layout(String body) {
        if (body.indexOf('\n') < 0) {
            String m = minify(body);
            return m.length() == body.length() ? "compact" : "one line with spaces";
        }
        String crlf = body.contains("\r\n") ? ", CRLF line ends" : "";
        int nl = body.indexOf('\n');
        int p = nl + 1;
        int spaces = 0;
        int tabs = 0;
        while (p < body.length() && (body.charAt(p) == ' ' || body.charAt(p) == '\t')) {
            if (body.charAt(p) == ' ') {
                spaces++;
            } else {
                tabs++;
            }
            p++;
        }
        String sep = body.contains("\": ") ? "" : ", no space after colons";
        return "indented by " + (tabs > 0 ? Noun.of("tab").count(tabs) : Noun.of("space").count(spaces)) + sep + crlf;
    }

    /** The document without whitespace outside strings. */
    static String minify(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean inString = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                sb.append(c);
                if (c == '\\' && i + 1 < s.length()) {
                    sb.append(s.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (!Character.isWhitespace(c)) {
                sb.append(c);
                inString = c == '"';
            }
        }
        return sb.toString();
    }

    private static String window(String s, int at) {
        int from = Math.max(0, at - 16);
        int to = Math.min(s.length(), at + 16);
        return (from > 0 ? "…" : "") + s.substring(from, to) + (to < s.length() ? "…" : "");
    }
}
