package dev.ocisc.sbom;

import dev.ocisc.catalog.LanguagePackage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds the language packages found inside store paths or an image to an SBOM: one component per package and
 * container, with its ecosystem's purl, the hash its ecosystem records, the file that proves it, and a CONTAINS
 * edge from its container. A binary's main module whose name is the store path's own is no package inside that
 * path but the path itself: it adds its facts to the store path's component instead.
 */
public final class LanguageComponents {
    /** The property keys, after {@code ecosystem:}, of a main module folded into its store path's component. */
    public static final String MAIN_MODULE = "main_module";
    public static final String MAIN_VERSION = "main_version";

    private LanguageComponents() {
    }

    /** A package and where it sits in the document: the component that contains it, and facts about that place. */
    public record Placed(LanguagePackage pkg, String containerRef, Map<String, String> placeProperties) {
    }

    /** The package URL of a language package: the one place its parts become a purl. */
    public static String purl(LanguagePackage p) {
        return Purl.of(p.ecosystem(), p.namespace(), p.name(), p.version(), Map.of());
    }

    public static Sbom add(Sbom base, List<Placed> placed) {
        if (placed.isEmpty()) {
            return base;
        }
        Map<String, Component> byRef = new LinkedHashMap<>();
        base.components().forEach(c -> byRef.put(c.ref(), c));
        List<Relationship> rels = new ArrayList<>(base.relationships());
        for (Placed pl : placed) {
            LanguagePackage p = pl.pkg();
            Component container = byRef.get(pl.containerRef());
            if (p.main() && container != null && container.name().equals(p.name())) {
                TreeMap<String, String> props = new TreeMap<>(container.properties());
                String eco = p.ecosystem();
                props.put(eco + ":" + MAIN_MODULE, p.fullName());
                props.put(eco + ":" + MAIN_VERSION, p.version());
                props.put(eco + ":main_evidence_path", p.evidence().path());
                props.put(eco + ":main_evidence_sha256", p.evidence().sha256());
                byRef.put(container.ref(), with(container, props));
                continue;
            }
            String purl = purl(p);
            String ref = purl + "#" + pl.containerRef();
            TreeMap<String, String> props = new TreeMap<>(pl.placeProperties());
            props.putAll(p.properties());
            props.put("ocisc:evidence_path", p.evidence().path());
            props.put("ocisc:evidence_sha256", p.evidence().sha256());
            if (p.recordedHash() != null) {
                props.put(p.ecosystem() + ":recorded_hash", p.recordedHash());
            }
            Component c = byRef.get(ref);
            if (c != null) {
                // The same package in two files of one container (a binary and its vendor directory, say): one
                // component, both files as evidence.
                TreeMap<String, String> merged = new TreeMap<>(c.properties());
                merged.merge("ocisc:evidence_path", p.evidence().path(), LanguageComponents::join);
                merged.merge("ocisc:evidence_sha256", p.evidence().sha256(), LanguageComponents::join);
                props.forEach(merged::putIfAbsent);
                byRef.put(ref, with(c, merged));
                continue;
            }
            byRef.put(ref, new Component(ref, p.main() ? Component.Type.APPLICATION : Component.Type.LIBRARY,
                    p.fullName(), p.version(), purl, null, null, license(p, props), null, null, List.of(), null, null,
                    null, props));
            rels.add(new Relationship(pl.containerRef(), ref, Relationship.Type.CONTAINS));
        }
        ContentId id = ContentId.builder().add(base.serial());
        java.util.Set<Component> unchanged = new java.util.HashSet<>(base.components()); // not List.contains: n²
        for (Component c : byRef.values()) {
            if (!unchanged.contains(c)) {
                id.add(c.ref()).add(c.properties());
            }
        }
        return new Sbom(base.name(), id.uuid(), base.created(), base.roots(),
                new ArrayList<>(byRef.values()), rels, base.lifecycle(), base.toolVersion());
    }

    /**
     * The declared licence, an SPDX expression by then. One naming a {@code LicenseRef-} has no text to go with it
     * here (SPDX requires one), so it stays the declared text, in {@code ecosystem:declared_license}.
     */
    private static License license(LanguagePackage p, TreeMap<String, String> props) {
        if (p.license() == null) {
            return null;
        }
        if (p.license().contains("LicenseRef-")) {
            props.put(p.ecosystem() + ":declared_license", p.license());
            return null;
        }
        return new License(p.license(), new TreeMap<>());
    }

    private static String join(String a, String b) {
        return a.equals(b) || List.of(a.split(" ")).contains(b) ? a : a + " " + b;
    }

    private static Component with(Component c, TreeMap<String, String> props) {
        return new Component(c.ref(), c.type(), c.name(), c.version(), c.purl(), c.cpe(), c.sha256(), c.license(),
                c.description(), c.homepage(), c.downloadUrls(), c.downloadHash(), c.sourceInfo(), c.buildOnly(),
                props);
    }
}
