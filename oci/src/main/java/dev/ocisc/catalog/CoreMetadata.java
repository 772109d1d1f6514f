package dev.ocisc.catalog;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Python's core metadata (a dist-info's {@code METADATA}, an egg-info's {@code PKG-INFO}): RFC 822 headers up to
 * the first empty line, names case-insensitive, continuation lines starting with a space or tab kept after a
 * newline (as Python's {@code email} parser, which {@code importlib.metadata} uses, returns them).
 */
final class CoreMetadata {
    private final Map<String, List<String>> headers;

    private CoreMetadata(Map<String, List<String>> headers) {
        this.headers = headers;
    }

    /** @throws IllegalArgumentException when it is not UTF-8 or a line is neither a header nor a continuation */
    static CoreMetadata parse(byte[] content) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        List<String> last = null;
        int lineNo = 0;
        int i = 0;
        while (i < text.length()) {
            int nl = text.indexOf('\n', i);
            String line = text.substring(i, nl < 0 ? text.length() : nl);
            i = nl < 0 ? text.length() : nl + 1;
            lineNo++;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                break; // the body (the description) starts here
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (last == null) {
                    throw new IllegalArgumentException("line " + lineNo + " continues no header");
                }
                int k = last.size() - 1;
                last.set(k, last.get(k) + "\n" + line);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !isName(line.substring(0, colon))) {
                throw new IllegalArgumentException("line " + lineNo + " is not a header (\"Name: value\")");
            }
            last = headers.computeIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>());
            last.add(line.substring(colon + 1).strip());
        }
        return new CoreMetadata(headers);
    }

    private static boolean isName(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    /** The one value of a header, null when absent. @throws IllegalArgumentException when it appears twice */
    String single(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        if (v == null) {
            return null;
        }
        if (v.size() > 1) {
            throw new IllegalArgumentException("header " + name + " appears " + v.size() + " times");
        }
        return v.get(0);
    }
}
