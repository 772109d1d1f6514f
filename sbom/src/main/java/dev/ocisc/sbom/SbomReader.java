package dev.ocisc.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.json.StrictJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the components of a CycloneDX JSON or SPDX 2.x JSON document, whoever wrote it (ocisc, syft, sbomnix):
 * name, version, the Nix store path when any field names one, and the license. The read side of this module's
 * writers; {@code verify image} matches what it returns against an image's contents.
 */
public final class SbomReader {
    /** A store path: the hash part, then a name of the characters Nix allows in one (so never a JSON escape). */
    private static final Pattern STORE_PATH = Pattern.compile("/nix/store/[0-9a-df-np-sv-z]{32}-[A-Za-z0-9+._?=-]+");
    private static final long MAX_BYTES = 256L << 20;
    private static final String MAIN_MODULE = ":" + LanguageComponents.MAIN_MODULE;

    private SbomReader() {
    }

    /** @throws InvalidInputException when the file is not one strict JSON document of either format */
    public static List<DeclaredComponent> read(Path file) {
        String src = file.toString();
        // Strictly: an SBOM whose components or licenses are given twice reads differently elsewhere.
        JsonNode root = StrictJson.read(file, MAX_BYTES);
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
