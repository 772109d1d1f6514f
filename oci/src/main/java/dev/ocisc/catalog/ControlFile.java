package dev.ocisc.catalog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Debian control-file syntax (dpkg's status, status.d files): stanzas of {@code Field: value}, continuations. */
final class ControlFile {
    private ControlFile() {
    }

    static List<Map<String, String>> parse(byte[] content) {
        List<Map<String, String>> stanzas = new ArrayList<>();
        Map<String, String> cur = new LinkedHashMap<>();
        String last = null;
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n", -1)) {
            if (line.isBlank()) {
                if (!cur.isEmpty()) {
                    stanzas.add(cur);
                    cur = new LinkedHashMap<>();
                }
                last = null;
            } else if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
                cur.put(last, cur.get(last) + "\n" + line.strip());
            } else {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    last = line.substring(0, colon);
                    cur.put(last, line.substring(colon + 1).strip());
                }
            }
        }
        if (!cur.isEmpty()) {
            stanzas.add(cur);
        }
        return stanzas;
    }
}
