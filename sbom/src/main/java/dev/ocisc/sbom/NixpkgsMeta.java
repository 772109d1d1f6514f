package dev.ocisc.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.graph.Node;
import dev.ocisc.json.StrictJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Package metadata from nixpkgs, in the JSON shape of {@code nix-env -qa --meta --json --out-path}: an object
 * keyed by attribute name, each entry with {@code name}, {@code outputs} (output name to store path), optional
 * {@code drvPath}, and {@code meta} (description, homepage, license, identifiers.cpe). Store nodes find their
 * entry by output path, then by derivation path, then by {@code name-version} when exactly one entry has it.
 */
public final class NixpkgsMeta {
    /** What nixpkgs says about one package. */
    public record Entry(String attr, String description, String homepage, License license, String cpe) {
    }

    /** All of nixpkgs' metadata is a few hundred MB; a larger file is not that. */
    private static final long MAX_BYTES = 1L << 30;

    private final Map<String, Entry> byPath = new HashMap<>();
    private final Map<String, List<Entry>> byName = new HashMap<>();

    public static NixpkgsMeta none() {
        return new NixpkgsMeta();
    }

    public static NixpkgsMeta read(Path file) {
        JsonNode root = StrictJson.read(file, MAX_BYTES);
        if (!root.isObject()) {
            throw new InvalidInputException(file, "expected a JSON object keyed by attribute name "
                    + "(nix-env -qa --meta --json --out-path)");
        }
        NixpkgsMeta meta = new NixpkgsMeta();
        // Sorted so that which entry wins a path claimed twice does not depend on the file's order.
        TreeMap<String, JsonNode> entries = new TreeMap<>();
        root.fields().forEachRemaining(e -> entries.put(e.getKey(), e.getValue()));
        for (var e : entries.entrySet()) {
            JsonNode pkg = e.getValue();
            if (!pkg.isObject()) {
                throw new InvalidInputException(file, "entry '" + e.getKey() + "' is not an object");
            }
            JsonNode m = pkg.path("meta");
            Entry entry;
            try {
                entry = new Entry(e.getKey(), text(m.path("description")), homepage(m.path("homepage")),
                        license(m.path("license")), text(m.path("identifiers").path("cpe")));
            } catch (IllegalArgumentException ex) {
                throw new InvalidInputException(file, "entry '" + e.getKey() + "': " + ex.getMessage());
            }
            pkg.path("outputs").fields().forEachRemaining(o -> {
                if (o.getValue().isTextual()) {
                    meta.byPath.putIfAbsent(o.getValue().asText(), entry);
                }
            });
            if (pkg.path("drvPath").isTextual()) {
                meta.byPath.putIfAbsent(pkg.get("drvPath").asText(), entry);
            }
            if (pkg.path("name").isTextual()) {
                meta.byName.computeIfAbsent(pkg.get("name").asText(), k -> new ArrayList<>()).add(entry);
            }
        }
        return meta;
    }

    /** The entry for a graph node, if the metadata names it unambiguously. */
    public Optional<Entry> lookup(Node node) {
        Entry e = byPath.get(node.path());
        if (e == null && node.deriver() != null) {
            e = byPath.get(node.deriver());
        }
        if (e != null) {
            return Optional.of(e);
        }
        String full = node.version().isEmpty() ? node.name() : node.name() + "-" + node.version();
        List<Entry> named = byName.getOrDefault(full, List.of());
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    private static String text(JsonNode n) {
        return n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    }

    private static String homepage(JsonNode n) {
        if (n.isArray() && n.size() > 0) {
            return text(n.get(0));
        }
        return text(n);
    }

    /** nixpkgs' {@code meta.license} (one license, a list, a compound, or a bare string) as an expression. */
    static License license(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        TreeMap<String, License.NamedLicense> named = new TreeMap<>();
        String expr = expression(n, named, true);
        return expr == null ? null : new License(expr, named);
    }

    private static String expression(JsonNode n, Map<String, License.NamedLicense> named, boolean top) {
        if (n.isArray()) {
            // A list means the package is distributed under all of these (parts under each): AND.
            return join(n, "AND", named, top);
        }
        if (n.isTextual()) {
            return namedRef(n.asText(), n.asText(), List.of(), named);
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException("unexpected license value " + n);
        }
        if ("compound".equals(n.path("licenseType").asText()) || n.has("operator")) {
            String op = n.path("operator").asText("AND").toUpperCase(Locale.ROOT);
            if (!op.equals("AND") && !op.equals("OR") && !op.equals("WITH")) {
                throw new IllegalArgumentException("unknown license operator '" + op + "'");
            }
            JsonNode members = n.has("licenses") ? n.get("licenses") : n.path("members");
            if (!members.isArray() || members.isEmpty()) {
                throw new IllegalArgumentException("compound license without licenses");
            }
            return join(members, op, named, top);
        }
        String spdx = n.path("spdxId").asText("");
        if (!spdx.isEmpty()) {
            return spdx;
        }
        String shortName = n.path("shortName").asText(n.path("fullName").asText("unknown"));
        List<String> urls = new ArrayList<>();
        if (n.path("url").isTextual()) {
            urls.add(n.get("url").asText());
        }
        return namedRef(shortName, n.path("fullName").asText(shortName), urls, named);
    }

    private static String join(JsonNode list, String op, Map<String, License.NamedLicense> named, boolean top) {
        List<String> parts = new ArrayList<>();
        for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
            String p = expression(it.next(), named, false);
            if (p != null && !parts.contains(p)) {
                parts.add(p);
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        String joined = String.join(" " + op + " ", parts);
        return top ? joined : "(" + joined + ")";
    }

    private static String namedRef(String shortName, String fullName, List<String> urls,
            Map<String, License.NamedLicense> named) {
        String id = "LicenseRef-nixpkgs-" + shortName.replaceAll("[^A-Za-z0-9.-]", "-");
        named.putIfAbsent(id, new License.NamedLicense(id, fullName, urls, "the nixpkgs metadata"));
        return id;
    }
}
