package dev.ocisc.catalog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parsers for the package databases images carry: dpkg's status and status.d, apk's installed. */
final class PackageDatabases {
    private PackageDatabases() {
    }

    /** Installed packages of a dpkg status file; status.d files carry no Status field and are all installed. */
    static List<OsPackage> dpkg(byte[] content, String file) {
        List<OsPackage> out = new ArrayList<>();
        for (Map<String, String> s : ControlFile.parse(content)) {
            String name = s.get("Package");
            String version = s.get("Version");
            if (name == null || name.isEmpty() || version == null) {
                continue; // not a package: dpkg itself refuses an empty name
            }
            String status = s.get("Status");
            if (status != null && !status.endsWith(" installed")) {
                continue; // config-files, half-installed, not-installed: nothing of it is in use
            }
            String source = s.get("Source");
            if (source != null && source.contains(" (")) {
                source = source.substring(0, source.indexOf(" ("));
            }
            String desc = s.get("Description");
            if (desc != null && desc.contains("\n")) {
                desc = desc.substring(0, desc.indexOf('\n'));
            }
            out.add(new OsPackage("deb", name, version, s.get("Architecture"), source, null, desc,
                    s.get("Homepage"), file));
        }
        return out;
    }

    /** apk-tools' {@code lib/apk/db/installed}: stanzas of one-letter keys, blank-line separated. */
    static List<OsPackage> apk(byte[] content, String file) {
        List<OsPackage> out = new ArrayList<>();
        String p = null, v = null, a = null, o = null, l = null, t = null, u = null;
        for (String line : (new String(content, StandardCharsets.UTF_8) + "\n\n").split("\n", -1)) {
            if (line.isBlank()) {
                if (p != null && !p.isEmpty() && v != null) {
                    out.add(new OsPackage("apk", p, v, a, o, l, t, u, file));
                }
                p = v = a = o = l = t = u = null;
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != ':') {
                continue;
            }
            String val = line.substring(2);
            switch (line.charAt(0)) {
                case 'P' -> p = val;
                case 'V' -> v = val;
                case 'A' -> a = val;
                case 'o' -> o = val;
                case 'L' -> l = val;
                case 'T' -> t = val;
                case 'U' -> u = val;
                default -> { }
            }
        }
        return out;
    }

    /** {@code KEY=value} pairs of os-release, quotes removed. */
    static Map<String, String> osRelease(byte[] content) {
        Map<String, String> m = new java.util.HashMap<>();
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                String v = line.substring(eq + 1).strip();
                if (v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'"))) {
                    v = v.substring(1, v.length() - 1);
                }
                m.put(line.substring(0, eq).strip(), v);
            }
        }
        return m;
    }
}
