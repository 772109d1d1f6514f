package dev.ocisc.catalog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Debian control-file syntax (dpkg's status, status.d files, DEP-5 copyright files): stanzas of {@code Field: value},
 * continuations. Values grow in builders: a field of a million continuation lines costs linear time, not quadratic.
 */
final class ControlFile {
    private ControlFile() {
    }

    static List<Map<String, String>> parse(byte[] content) {
        List<Map<String, String>> stanzas = new ArrayList<>();
        Map<String, StringBuilder> cur = new LinkedHashMap<>();
        StringBuilder last = null;
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n", -1)) {
            if (line.isBlank()) {
                if (!cur.isEmpty()) {
                    stanzas.add(values(cur));
                    cur = new LinkedHashMap<>();
                }
                last = null;
            } else if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
                last.append('\n').append(line.strip());
            } else {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    last = new StringBuilder(line.substring(colon + 1).strip());
                    cur.put(line.substring(0, colon), last);
                }
            }
        }
        if (!cur.isEmpty()) {
            stanzas.add(values(cur));
        }
        return stanzas;
    }

    private static Map<String, String> values(Map<String, StringBuilder> stanza) {
        Map<String, String> out = new LinkedHashMap<>();
        stanza.forEach((k, v) -> out.put(k, v.toString()));
        return out;
    }
}
