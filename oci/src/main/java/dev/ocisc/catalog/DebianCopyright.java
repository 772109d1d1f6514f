package dev.ocisc.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The licence of a Debian package from its {@code /usr/share/doc/PKG/copyright}, when that file is in the
 * machine-readable format (DEP-5, copyright-format/1.0: a first paragraph with {@code Format:}): the
 * {@code License:} synopses of its {@code Files:} paragraphs, as one SPDX expression joined by AND (the files of
 * one package are under all of them together).
 *
 * <p>Names become SPDX ids only where the meaning is defined: an id of the SPDX licence list (matched without
 * regard to case, as SPDX matches ids), or one of the DEP-5 short names whose version and "or later" the name
 * spells out ({@code GPL-2+}, {@code LGPL-2.1}, {@code Expat}, {@code Apache-2}). Anything else ({@code
 * public-domain}, an unversioned {@code GPL}, {@code Artistic}, an exception SPDX does not list under that name)
 * is kept as {@code LicenseRef-Debian-NAME}, never mapped to a nearby id. A file in another format gives no
 * licence at all.
 */
public final class DebianCopyright {
    /** Bytes of a copyright file a catalog keeps; a larger one is not read and its package gets no licence. */
    static final long MAX_BYTES = 4L << 20;
    /** The prefix of the LicenseRef ids this reader makes. */
    public static final String REF_PREFIX = "LicenseRef-Debian-";

    private static final Map<String, String> LICENSES = ids("spdx-license-ids.txt");
    private static final Map<String, String> EXCEPTIONS = ids("spdx-exception-ids.txt");
    /** DEP-5 short names with a number: GPL-2, GPL-2.0+, LGPL-2.1+, AGPL-3, GFDL-NIV-1.3+. */
    private static final Pattern VERSIONED = Pattern.compile("(A?GPL|LGPL|GFDL|GFDL-NIV)-(\\d)(?:\\.(\\d))?(\\+)?");

    private DebianCopyright() {
    }

    /** Whether the file declares the machine-readable format. */
    static boolean machineReadable(List<Map<String, String>> paragraphs) {
        if (paragraphs.isEmpty()) {
            return false;
        }
        String format = field(paragraphs.get(0), "Format");
        return format != null && (format.contains("copyright-format/1.0") || format.contains("dep5"));
    }

    /** The SPDX expression of a copyright file, or null when it is not machine-readable or names no licence. */
    public static String license(byte[] content) {
        List<Map<String, String>> paragraphs = ControlFile.parse(content);
        if (!machineReadable(paragraphs)) {
            return null;
        }
        // One AND-list for the whole file: each synopsis's top-level AND terms, each once.
        Set<String> terms = new LinkedHashSet<>();
        for (Map<String, String> p : paragraphs) {
            String files = field(p, "Files");
            String license = field(p, "License");
            if (files == null || license == null) {
                continue;
            }
            String synopsis = license.lines().findFirst().orElse("").strip();
            if (!synopsis.isEmpty()) {
                for (String t : topLevel(synopsis(synopsis), " AND ")) {
                    terms.add(unwrap(t));
                }
            }
        }
        if (terms.isEmpty()) {
            return null;
        }
        if (terms.size() == 1) {
            return terms.iterator().next();
        }
        List<String> parts = new ArrayList<>();
        for (String t : terms) {
            parts.add(topLevel(t, " OR ").size() > 1 ? "(" + t + ")" : t);
        }
        return String.join(" AND ", parts);
    }

    /** The parts of {@code expr} joined by {@code op} outside parentheses. */
    private static List<String> topLevel(String expr, String op) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < expr.length(); i++) {
            char ch = expr.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (depth == 0 && expr.startsWith(op, i)) {
                out.add(expr.substring(start, i));
                start = i + op.length();
                i = start - 1;
            }
        }
        out.add(expr.substring(start));
        return out;
    }

    /** {@code (A OR B)} as {@code A OR B} when the outer parentheses enclose the whole expression. */
    private static String unwrap(String t) {
        if (t.startsWith("(") && t.endsWith(")") && topLevel(t.substring(1, t.length() - 1), " AND ").size()
                + topLevel(t.substring(1, t.length() - 1), " OR ").size() >= 2) {
            int depth = 0;
            for (int i = 0; i < t.length() - 1; i++) {
                depth += t.charAt(i) == '(' ? 1 : t.charAt(i) == ')' ? -1 : 0;
                if (depth == 0) {
                    return t; // "(A) AND (B)": the first parenthesis closes before the end
                }
            }
            return t.substring(1, t.length() - 1);
        }
        return t;
    }

    /** Field names are case-insensitive in DEP-5. */
    private static String field(Map<String, String> paragraph, String name) {
        for (Map.Entry<String, String> e : paragraph.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * One synopsis in DEP-5 syntax: names joined by {@code and} / {@code or}, with a comma setting a looser
     * binding ({@code A or B, and C} is {@code (A OR B) AND C}), and {@code NAME with X exception}. A synopsis that
     * does not follow that syntax (both operators without a comma, {@code and/or}) is one LicenseRef as a whole.
     */
    static String synopsis(String s) {
        String[] groups = s.split(",\\s*");
        List<String> exprs = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i].strip();
            if (i > 0) {
                Matcher m = Pattern.compile("(?i)^(and|or)\\s+(.*)$").matcher(g);
                if (!m.matches()) {
                    return ref(s);
                }
                ops.add(m.group(1).toUpperCase(Locale.ROOT));
                g = m.group(2);
            }
            String e = group(g);
            if (e == null) {
                return ref(s);
            }
            exprs.add(e);
        }
        if (new LinkedHashSet<>(ops).size() > 1) {
            return ref(s);
        }
        if (exprs.size() == 1) {
            return exprs.get(0);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < exprs.size(); i++) {
            if (i > 0) {
                b.append(' ').append(ops.get(i - 1)).append(' ');
            }
            b.append(exprs.get(i).contains(" ") ? "(" + exprs.get(i) + ")" : exprs.get(i));
        }
        return b.toString();
    }

    /** Terms joined by one operator, or null when the group mixes operators or is not a list of terms. */
    private static String group(String g) {
        List<String> tokens = List.of(g.strip().split("\\s+"));
        List<String> terms = new ArrayList<>();
        String op = null;
        List<String> cur = new ArrayList<>();
        for (String t : tokens) {
            String lower = t.toLowerCase(Locale.ROOT);
            if ((lower.equals("and") || lower.equals("or")) && !cur.isEmpty() && !inException(cur)) {
                if (op != null && !op.equals(lower)) {
                    return null;
                }
                op = lower;
                terms.add(term(cur));
                cur = new ArrayList<>();
            } else {
                cur.add(t);
            }
        }
        if (cur.isEmpty()) {
            return null;
        }
        terms.add(term(cur));
        if (terms.contains(null)) {
            return null;
        }
        return String.join(op == null ? "" : " " + op.toUpperCase(Locale.ROOT) + " ", terms);
    }

    /** Inside {@code with ... exception}, before the closing word: "and" there is part of the exception's name. */
    private static boolean inException(List<String> cur) {
        int with = -1;
        for (int i = 0; i < cur.size(); i++) {
            if (cur.get(i).equalsIgnoreCase("with")) {
                with = i;
            }
        }
        return with >= 0 && !cur.get(cur.size() - 1).equalsIgnoreCase("exception");
    }

    /** {@code NAME} or {@code NAME with X exception}; null for an empty name. */
    private static String term(List<String> words) {
        int with = -1;
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).equalsIgnoreCase("with")) {
                with = i;
                break;
            }
        }
        if (with == 0) {
            return null;
        }
        if (with < 0) {
            return words.size() == 1 ? name(words.get(0)) : ref(String.join(" ", words));
        }
        String whole = String.join(" ", words);
        if (with != 1 || words.size() < 4 || !words.get(words.size() - 1).equalsIgnoreCase("exception")) {
            return ref(whole);
        }
        String license = spdxId(words.get(0));
        String exceptionName = String.join("-", words.subList(2, words.size() - 1));
        String exception = EXCEPTIONS.get(exceptionName.toLowerCase(Locale.ROOT));
        if (exception == null) {
            exception = EXCEPTIONS.get((exceptionName + "-exception").toLowerCase(Locale.ROOT));
        }
        return license == null || exception == null ? ref(whole) : license + " WITH " + exception;
    }

    private static String name(String n) {
        String id = spdxId(n);
        return id != null ? id : ref(n);
    }

    /** The SPDX id a DEP-5 name stands for, or null when neither list defines it. */
    static String spdxId(String n) {
        Matcher m = VERSIONED.matcher(n);
        if (m.matches()) {
            String family = m.group(1);
            String major = m.group(2);
            String minor = m.group(3) == null ? "0" : m.group(3);
            boolean later = m.group(4) != null;
            String id = family.equals("GFDL-NIV")
                    ? "GFDL-" + major + "." + minor + "-no-invariants-" + (later ? "or-later" : "only")
                    : family + "-" + major + "." + minor + "-" + (later ? "or-later" : "only");
            return LICENSES.get(id.toLowerCase(Locale.ROOT));
        }
        if (n.equalsIgnoreCase("Expat")) {
            return "MIT"; // DEP-5: "MIT/Expat", the licence SPDX lists as MIT
        }
        if (n.equalsIgnoreCase("Apache-2")) {
            return "Apache-2.0";
        }
        return LICENSES.get(n.toLowerCase(Locale.ROOT));
    }

    /**
     * A LicenseRef for a name no list defines: the name itself, lowercase (SPDX compares LicenseRefs without case,
     * and one file's "GPL-3+ with Bison exception" is another's "GPL-3+-WITH-BISON-EXCEPTION"), with what an
     * idstring cannot hold as '-', except DEP-5's "+", which means "or any later version" and is spelled out so
     * that GPL-3+ and GPL-3 stay different licences.
     */
    static String ref(String name) {
        return REF_PREFIX + name.strip().toLowerCase(Locale.ROOT).replace("+", "-or-later-")
                .replaceAll("[^a-z0-9.]+", "-")
                .replaceAll("^-|-$", "");
    }

    private static Map<String, String> ids(String resource) {
        Map<String, String> out = new TreeMap<>();
        try (InputStream in = DebianCopyright.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = r.readLine()) != null;) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.put(line.strip().toLowerCase(Locale.ROOT), line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
