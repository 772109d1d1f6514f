package dev.ocisc.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.json.StrictJson;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the components of a CycloneDX JSON or SPDX 2.x JSON document, whoever wrote it (ocisc, syft, sbomnix):
 * name, version, the Nix store path when any field names one, and the license. The read side of this module's
 * writers; {@code verify image} matches what it returns against an image's contents, {@code report} shows the whole
 * {@link #document}.
 */
public final class SbomReader {
    /** A store path: the hash part, then a name of the characters Nix allows in one (so never a JSON escape). */
    private static final Pattern STORE_PATH = Pattern.compile("/nix/store/[0-9a-df-np-sv-z]{32}-[A-Za-z0-9+._?=-]+");
    private static final long MAX_BYTES = 256L << 20;
    private static final String MAIN_MODULE = ":" + LanguageComponents.MAIN_MODULE;
    /** What one report holds at most: ten times the largest closures ocisc is measured on. */
    static final int MAX_COMPONENTS = 100_000;
    static final int MAX_LINKS = 1_000_000;
    /** SPDX relationships that point from the dependent to what it needs, and those that point the other way. */
    private static final Set<String> SPDX_FORWARD = Set.of("DEPENDS_ON", "CONTAINS", "DYNAMIC_LINK", "STATIC_LINK",
            "HAS_PREREQUISITE", "GENERATED_FROM", "DESCENDANT_OF", "VARIANT_OF", "PACKAGE_OF");
    private static final Set<String> SPDX_BACKWARD = Set.of("DEPENDENCY_OF", "BUILD_DEPENDENCY_OF",
            "RUNTIME_DEPENDENCY_OF", "DEV_DEPENDENCY_OF", "OPTIONAL_DEPENDENCY_OF", "TEST_DEPENDENCY_OF",
            "PROVIDED_DEPENDENCY_OF", "CONTAINED_BY", "PREREQUISITE_FOR", "BUILD_TOOL_OF", "DEV_TOOL_OF");

    private SbomReader() {
    }

    /** @throws InvalidInputException when the file is not one strict JSON document of either format */
    public static List<DeclaredComponent> read(Path file) {
        // Strictly: an SBOM whose components or licenses are given twice reads differently elsewhere.
        return components(StrictJson.read(file, MAX_BYTES), file.toString());
    }

    /** {@link #read} of a document from elsewhere (attached to an image in a registry); {@code src} names it. */
    public static List<DeclaredComponent> parse(byte[] content, String src) {
        if (content.length > MAX_BYTES) {
            throw new InvalidInputException(src, "larger than " + MAX_BYTES + " bytes, not an SBOM");
        }
        return components(StrictJson.parse(content, src), src);
    }

    private static List<DeclaredComponent> components(JsonNode root, String src) {
        List<DeclaredComponent> out = new ArrayList<>();
        if ("CycloneDX".equals(root.path("bomFormat").asText())) {
            // The subject of the document, when it is a Nix store object and not an image, is a component too: the
            // package at the top of a closure, which an image holds (SPDX lists it among its packages).
            JsonNode subject = root.path("metadata").path("component");
            if (subject.isObject() && !"container".equals(subject.path("type").asText())
                    && storePath(subject) != null) {
                out.add(new DeclaredComponent(subject.path("name").asText(""), subject.path("version").asText(""),
                        storePath(subject), cdxLicense(subject)));
            }
            out.addAll(mainModules(cdxProperties(subject)));
            for (JsonNode c : root.path("components")) {
                if ("operating-system".equals(c.path("type").asText())) {
                    continue; // the image's distribution (os-release), not a package it holds
                }
                out.add(new DeclaredComponent(c.path("name").asText(""), c.path("version").asText(""), storePath(c),
                        cdxLicense(c)));
                out.addAll(mainModules(cdxProperties(c)));
            }
        } else if (root.has("spdxVersion")) {
            for (JsonNode p : root.path("packages")) {
                String purpose = p.path("primaryPackagePurpose").asText();
                out.addAll(mainModules(spdxProperties(p)));
                if ("CONTAINER".equals(purpose) || purpose.equals("OPERATING_SYSTEM") || purpose.equals("OPERATING-SYSTEM")) {
                    continue; // the image itself or its distribution (os-release), not a package it holds
                }
                String lic = p.path("licenseConcluded").asText("");
                if (lic.isEmpty() || lic.equals("NOASSERTION")) {
                    lic = p.path("licenseDeclared").asText("");
                }
                out.add(new DeclaredComponent(p.path("name").asText(""), p.path("versionInfo").asText(""), storePath(p),
                        lic.isEmpty() || lic.equals("NOASSERTION") || lic.equals("NONE") ? null : lic));
            }
        } else {
            throw new InvalidInputException(src, "not a CycloneDX or SPDX JSON document");
        }
        return out;
    }

    /**
     * The whole document: every component (nested CycloneDX components too) and every relationship between two of
     * them. Relationships naming a component the document does not have are left out.
     *
     * @throws InvalidInputException when the file is not one strict JSON document of either format, a ref is given
     *                               to two components, or it holds more than a report can show
     */
    public static SbomDocument document(Path file) {
        String src = file.toString();
        JsonNode root = StrictJson.read(file, MAX_BYTES);
        List<SbomDocument.Item> items = new ArrayList<>();
        List<SbomDocument.Link> links = new ArrayList<>();
        List<String> roots = new ArrayList<>();
        Set<String> refs = new HashSet<>();
        String format;
        String name;
        if ("CycloneDX".equals(root.path("bomFormat").asText())) {
            format = "CycloneDX " + root.path("specVersion").asText("");
            JsonNode subject = root.path("metadata").path("component");
            name = subject.path("name").asText("");
            // Nested components (a component's own "components") are walked with a stack: the input sets the depth.
            Deque<JsonNode> todo = new ArrayDeque<>();
            List<JsonNode> top = new ArrayList<>();
            if (subject.isObject()) {
                top.add(subject);
            }
            root.path("components").forEach(top::add);
            for (int i = top.size() - 1; i >= 0; i--) {
                todo.push(top.get(i));
            }
            while (!todo.isEmpty()) {
                JsonNode c = todo.pop();
                String ref = c.path("bom-ref").asText("");
                if (ref.isEmpty()) {
                    ref = "#" + (items.size() + 1); // nothing can depend on it, but it is listed
                }
                add(src, items, refs, new SbomDocument.Item(ref, c.path("type").asText(""), c.path("name").asText(""),
                        c.path("version").asText(""), nonEmpty(c.path("purl").asText("")), cdxLicense(c),
                        cdxHashes(c), cdxProperties(c)));
                if (c == subject) {
                    roots.add(ref);
                }
                List<JsonNode> nested = new ArrayList<>();
                c.path("components").forEach(nested::add);
                for (int i = nested.size() - 1; i >= 0; i--) {
                    todo.push(nested.get(i));
                }
            }
            for (JsonNode d : root.path("dependencies")) {
                String from = d.path("ref").asText("");
                Set<String> to = new LinkedHashSet<>();
                d.path("dependsOn").forEach(t -> to.add(t.asText("")));
                for (String t : to) {
                    link(src, links, refs, from, t, "DEPENDS_ON");
                }
            }
        } else if (root.has("spdxVersion")) {
            format = "SPDX " + root.path("spdxVersion").asText("").replaceFirst("^SPDX-", "");
            name = root.path("name").asText("");
            for (JsonNode p : root.path("packages")) {
                String purl = null;
                for (JsonNode r : p.path("externalRefs")) {
                    if (r.path("referenceType").asText("").equals("purl")) {
                        purl = nonEmpty(r.path("referenceLocator").asText(""));
                    }
                }
                List<Component.Hash> hashes = new ArrayList<>();
                for (JsonNode h : p.path("checksums")) {
                    hashes.add(new Component.Hash(spdxAlgorithm(h.path("algorithm").asText("")),
                            h.path("checksumValue").asText("")));
                }
                add(src, items, refs, new SbomDocument.Item(p.path("SPDXID").asText(""),
                        p.path("primaryPackagePurpose").asText(""), p.path("name").asText(""),
                        p.path("versionInfo").asText(""), purl, spdxLicense(p), hashes, spdxProperties(p)));
            }
            String doc = root.path("SPDXID").asText("SPDXRef-DOCUMENT");
            Set<String> described = new LinkedHashSet<>();
            root.path("documentDescribes").forEach(d -> described.add(d.asText("")));
            for (JsonNode r : root.path("relationships")) {
                String a = r.path("spdxElementId").asText("");
                String type = r.path("relationshipType").asText("");
                String b = r.path("relatedSpdxElement").asText("");
                if (a.equals(doc) && type.equals("DESCRIBES")) {
                    described.add(b);
                } else if (b.equals(doc) && type.equals("DESCRIBED_BY")) {
                    described.add(a);
                } else if (SPDX_FORWARD.contains(type)) {
                    link(src, links, refs, a, b, type);
                } else if (SPDX_BACKWARD.contains(type)) {
                    link(src, links, refs, b, a, type);
                }
            }
            described.stream().filter(refs::contains).forEach(roots::add);
        } else {
            throw new InvalidInputException(src, "not a CycloneDX or SPDX JSON document");
        }
        return new SbomDocument(format, name, roots, items, links);
    }

    private static void add(String src, List<SbomDocument.Item> items, Set<String> refs, SbomDocument.Item item) {
        if (!refs.add(item.ref())) {
            throw new InvalidInputException(src, "two components have the ref '" + item.ref() + "'");
        }
        if (items.size() == MAX_COMPONENTS) {
            throw new InvalidInputException(src, "more than " + MAX_COMPONENTS + " components");
        }
        items.add(item);
    }

    private static void link(String src, List<SbomDocument.Link> links, Set<String> refs, String from, String to,
            String type) {
        if (!refs.contains(from) || !refs.contains(to)) {
            return;
        }
        if (links.size() == MAX_LINKS) {
            throw new InvalidInputException(src, "more than " + MAX_LINKS + " relationships");
        }
        links.add(new SbomDocument.Link(from, to, type));
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static List<Component.Hash> cdxHashes(JsonNode c) {
        List<Component.Hash> out = new ArrayList<>();
        for (JsonNode h : c.path("hashes")) {
            out.add(new Component.Hash(h.path("alg").asText(""), h.path("content").asText("")));
        }
        return out;
    }

    /** SPDX's {@code SHA256} as CycloneDX's {@code SHA-256}, one spelling in a report. */
    private static String spdxAlgorithm(String alg) {
        String a = alg.toUpperCase(Locale.ROOT);
        return a.matches("SHA[0-9]+") ? "SHA-" + a.substring(3) : a;
    }

    private static String spdxLicense(JsonNode p) {
        String lic = p.path("licenseConcluded").asText("");
        if (lic.isEmpty() || lic.equals("NOASSERTION")) {
            lic = p.path("licenseDeclared").asText("");
        }
        return lic.isEmpty() || lic.equals("NOASSERTION") || lic.equals("NONE") ? null : lic;
    }

    /**
     * The store path a Nix component names: the first one that is not a {@code .drv} (what an image holds), else
     * the first. An SPDX package carries its paths in a comment, derivation first, output after.
     */
    private static String storePath(JsonNode component) {
        String purl = component.path("purl").asText("");
        for (JsonNode r : component.path("externalRefs")) {
            if (r.path("referenceType").asText("").equals("purl")) {
                purl = r.path("referenceLocator").asText("");
            }
        }
        if (purl.startsWith("pkg:") && !purl.startsWith("pkg:nix/")) {
            return null; // a package inside a store path (a Go module, say) is not the path, whatever it mentions
        }
        Matcher m = STORE_PATH.matcher(component.toString());
        String first = null;
        while (m.find()) {
            if (!m.group().endsWith(".drv")) {
                return m.group();
            }
            if (first == null) {
                first = m.group();
            }
        }
        return first;
    }

    /**
     * The module a binary was built from, which ocisc writes as properties of the component that is that binary's
     * store path or image ({@code golang:main_module}, {@code golang:main_version}) rather than as a component of
     * its own: a language package the image holds all the same.
     */
    private static List<DeclaredComponent> mainModules(Map<String, String> props) {
        List<DeclaredComponent> out = new ArrayList<>();
        for (Map.Entry<String, String> e : props.entrySet()) {
            if (e.getKey().endsWith(MAIN_MODULE) && !e.getValue().isEmpty()) {
                String ecosystem = e.getKey().substring(0, e.getKey().length() - MAIN_MODULE.length());
                out.add(new DeclaredComponent(e.getValue(), props.getOrDefault(ecosystem + ":" + LanguageComponents.MAIN_VERSION, ""),
                        null, null));
            }
        }
        return out;
    }

    private static Map<String, String> cdxProperties(JsonNode c) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode p : c.path("properties")) {
            out.put(p.path("name").asText(""), p.path("value").asText(""));
        }
        return out;
    }

    /** ocisc writes an SPDX package's properties into its comment, one {@code name=value} a line. */
    private static Map<String, String> spdxProperties(JsonNode p) {
        Map<String, String> out = new TreeMap<>();
        for (String line : p.path("comment").asText("").split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }

    private static String cdxLicense(JsonNode c) {
        List<String> ids = new ArrayList<>();
        for (JsonNode l : c.path("licenses")) {
            if (l.has("expression")) {
                ids.add(l.get("expression").asText());
            } else if (l.path("license").has("id")) {
                ids.add(l.path("license").get("id").asText());
            } else if (l.path("license").has("name")) {
                ids.add(l.path("license").get("name").asText());
            }
        }
        return ids.isEmpty() ? null : String.join(" AND ", ids);
    }
}
