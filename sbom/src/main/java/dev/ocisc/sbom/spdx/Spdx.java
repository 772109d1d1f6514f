package dev.ocisc.sbom.spdx;

import dev.ocisc.sbom.Component;
import dev.ocisc.sbom.License;
import dev.ocisc.sbom.Relationship;
import dev.ocisc.sbom.Sbom;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What the SPDX 2.3 JSON and tag-value writers share: identifiers, enums and the document's fixed parts. */
final class Spdx {
    static final String NOASSERTION = "NOASSERTION";
    static final String DOCUMENT_ID = "SPDXRef-DOCUMENT";

    private Spdx() {
    }

    /**
     * {@code SPDXRef-} followed by the ref with every character outside {@code [A-Za-z0-9.-]} replaced. An
     * operating system's id starts {@code SPDXRef-OperatingSystem-}: trivy's SPDX reader tells the OS package by
     * that prefix (not by its purpose) and skips the OS packages of a document without one. A contained
     * package's ref ({@code PURL#CONTAINER}) gives its purl's last segment.
     */
    static String id(Component c) {
        if (c.type() == Component.Type.OPERATING_SYSTEM) {
            return idOf("SPDXRef-OperatingSystem-", c.name() + (c.version() == null ? "" : "-" + c.version()));
        }
        String ref = c.ref();
        String named = ref.startsWith("pkg:") && ref.indexOf('#') > 0 ? ref.substring(0, ref.indexOf('#')) : ref;
        return idOf("SPDXRef-", named.substring(named.lastIndexOf('/') + 1));
    }

    /** {@code prefix} and {@code s} with every character (code point) outside {@code [A-Za-z0-9.-]} as '-'. */
    private static String idOf(String prefix, String s) {
        StringBuilder b = new StringBuilder(prefix);
        s.codePoints().forEach(c -> b.append(
                (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
                        ? (char) c : '-'));
        return b.toString();
    }

    /**
     * Every component's SPDX id. Refs are store paths, whose base names are unique, so collisions cannot
     * happen for Nix graphs; other sources get a numeric suffix rather than a duplicate id.
     */
    static Map<String, String> ids(Sbom sbom) {
        Map<String, String> ids = new java.util.HashMap<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        for (Component c : sbom.components()) {
            String id = id(c);
            String unique = id;
            for (int i = 2; !used.add(unique); i++) {
                unique = id + "-" + i;
            }
            ids.put(c.ref(), unique);
        }
        return ids;
    }

    static String namespace(Sbom sbom) {
        return "https://ocisc.dev/spdx/" + sbom.name().replaceAll("[^A-Za-z0-9.-]", "-") + "-" + sbom.serial();
    }

    /** SOURCE_DATE_EPOCH when given; otherwise the epoch, so that the document stays reproducible. */
    static String created(Sbom sbom) {
        Instant t = sbom.created() == null ? Instant.EPOCH : sbom.created();
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /**
     * SPDX 2.3 spells the operating-system purpose two ways: {@code OPERATING-SYSTEM} in the specification's text
     * (tag-value) and {@code OPERATING_SYSTEM} in its JSON schema, which the SPDX maintainers call the only
     * authority for JSON (spdx-spec issue 813) and which tools-java's Verify enforces. trivy writes the dash in JSON
     * too, but tells the OS by its SPDXID, not by this field.
     */
    static String purpose(Component.Type t, boolean json) {
        return switch (t) {
            case OPERATING_SYSTEM -> json ? "OPERATING_SYSTEM" : "OPERATING-SYSTEM";
            case DATA -> "FILE";
            default -> t.name().toUpperCase(Locale.ROOT);
        };
    }

    static String license(Component c) {
        return c.license() == null ? NOASSERTION : c.license().expression();
    }

    static String downloadLocation(Component c) {
        return c.downloadUrls().isEmpty() ? NOASSERTION : c.downloadUrls().get(0);
    }

    /** The component's properties, one {@code name=value} per line, plus its ref. */
    static String comment(Component c) {
        StringBuilder b = new StringBuilder();
        if (c.buildOnly() != null) {
            b.append(c.buildOnly() ? "needed only to build the target" : "part of the target's run-time closure")
                    .append('\n');
        }
        for (Map.Entry<String, String> p : c.properties().entrySet()) {
            b.append(p.getKey()).append('=').append(p.getValue()).append('\n');
        }
        return b.toString().strip();
    }

    /** The licenses without SPDX ids that the document uses, by id. */
    static Map<String, License.NamedLicense> extracted(Sbom sbom) {
        Map<String, License.NamedLicense> all = new TreeMap<>();
        for (Component c : sbom.components()) {
            if (c.license() != null) {
                all.putAll(c.license().named());
            }
        }
        return all;
    }

    static String extractedText(License.NamedLicense l) {
        return "The license named \"" + l.name() + "\" in " + l.origin() + "; it has no SPDX identifier."
                + (l.urls().isEmpty() ? "" : " See " + String.join(" ", l.urls()));
    }

    /** A relationship as SPDX states it: {@code [element, type, related]}. */
    static List<String[]> relationships(Sbom sbom, Map<String, String> ids) {
        List<String[]> out = new ArrayList<>();
        for (String root : sbom.roots()) {
            out.add(new String[] {DOCUMENT_ID, "DESCRIBES", ids.get(root)});
        }
        for (Relationship r : sbom.relationships()) {
            switch (r.type()) {
                case BUILD_DEPENDENCY -> out.add(new String[] {ids.get(r.to()), "BUILD_DEPENDENCY_OF", ids.get(r.from())});
                case CONTAINS -> out.add(new String[] {ids.get(r.from()), "CONTAINS", ids.get(r.to())});
                case DEPENDS_ON -> out.add(new String[] {ids.get(r.from()), "DEPENDS_ON", ids.get(r.to())});
            }
        }
        return out;
    }
}
