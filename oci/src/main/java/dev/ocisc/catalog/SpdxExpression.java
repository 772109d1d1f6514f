package dev.ocisc.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a declared licence is an SPDX license expression: ids from the SPDX license list (deprecated ones too),
 * {@code +}, {@code WITH} an SPDX exception, {@code LicenseRef-}/{@code DocumentRef-} references, {@code AND},
 * {@code OR} and parentheses, as spdx-expression-parse reads them (case-sensitive: {@code mit} is not
 * {@code MIT}). Checked by a state machine and a depth counter, not by recursion, so no input runs the stack out.
 */
public final class SpdxExpression {
    /** Longer declared licences are licence texts, not expressions. */
    static final int MAX_LENGTH = 1024;
    private static final Set<String> LICENSES = load("spdx-licenses.txt");
    private static final Set<String> EXCEPTIONS = load("spdx-exceptions.txt");
    private static final Pattern IDSTRING = Pattern.compile("[A-Za-z0-9.-]+");
    private static final Pattern REF = Pattern.compile("(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+");

    private SpdxExpression() {
    }

    private enum State { OPERAND, AFTER_LICENSE, EXCEPTION, AFTER_OPERAND }

    /** {@code declared} without its surrounding whitespace when it is a valid SPDX expression, else null. */
    public static String valid(String declared) {
        if (declared == null) {
            return null;
        }
        String s = declared.strip();
        if (s.isEmpty() || s.length() > MAX_LENGTH) {
            return null;
        }
        State state = State.OPERAND;
        int depth = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ') {
                i++;
                continue;
            }
            if (c == '(' || c == ')') {
                if (c == '(') {
                    if (state != State.OPERAND) {
                        return null;
                    }
                    depth++;
                } else {
                    if ((state != State.AFTER_OPERAND && state != State.AFTER_LICENSE) || depth == 0) {
                        return null;
                    }
                    depth--;
                    state = State.AFTER_OPERAND;
                }
                i++;
                continue;
            }
            int end = i;
            while (end < s.length() && s.charAt(end) != ' ' && s.charAt(end) != '(' && s.charAt(end) != ')') {
                end++;
            }
            String word = s.substring(i, end);
            i = end;
            switch (state) {
                case OPERAND -> {
                    if (!isLicense(word)) {
                        return null;
                    }
                    state = State.AFTER_LICENSE;
                }
                case EXCEPTION -> {
                    if (!EXCEPTIONS.contains(word)) {
                        return null;
                    }
                    state = State.AFTER_OPERAND;
                }
                case AFTER_LICENSE, AFTER_OPERAND -> {
                    if (word.equals("WITH") && state == State.AFTER_LICENSE) {
                        state = State.EXCEPTION;
                    } else if (word.equals("AND") || word.equals("OR")) {
                        state = State.OPERAND;
                    } else {
                        return null;
                    }
                }
                default -> throw new IllegalStateException(state.toString());
            }
        }
        return depth == 0 && (state == State.AFTER_LICENSE || state == State.AFTER_OPERAND) ? s : null;
    }

    private static boolean isLicense(String word) {
        if (REF.matcher(word).matches()) {
            return true;
        }
        String id = word.endsWith("+") ? word.substring(0, word.length() - 1) : word;
        return IDSTRING.matcher(id).matches() && LICENSES.contains(id);
    }

    private static Set<String> load(String resource) {
        Set<String> ids = new HashSet<>();
        try (InputStream in = SpdxExpression.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    ids.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(ids);
    }
}
