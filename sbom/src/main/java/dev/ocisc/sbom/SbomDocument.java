package dev.ocisc.sbom;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A CycloneDX or SPDX JSON document as {@link SbomReader#document} reads it for a report: every component with what
 * a person looks for in it, and which component depends on which. Unlike {@link DeclaredComponent} nothing is left
 * out (the image and its operating system are components too).
 *
 * @param format     {@code CycloneDX} or {@code SPDX}, with the version the document states
 * @param name       the document's name (SPDX) or its subject's (CycloneDX), or empty
 * @param roots      refs of the components the document describes, in its order
 * @param components every component, in the document's order, refs unique
 * @param links      every relationship between two of the components, in the document's order
 */
public record SbomDocument(String format, String name, List<String> roots, List<Item> components,
        List<Link> links) {
    /**
     * One component.
     *
     * @param ref        bom-ref or SPDXID, unique in the document
     * @param type       CycloneDX's type or SPDX's primaryPackagePurpose, as written, or empty
     * @param purl       its package URL, or null
     * @param license    its license expression (SPDX's concluded license, else the declared), or null
     * @param hashes     its digests, algorithms as CycloneDX names them ({@code SHA-256})
     * @param properties CycloneDX properties; for SPDX the {@code name=value} lines of the comment ocisc writes;
     *                   sorted by name
     */
    public record Item(String ref, String type, String name, String version, String purl, String license,
            List<Component.Hash> hashes, Map<String, String> properties) {
        public Item {
            hashes = List.copyOf(hashes);
            properties = Collections.unmodifiableSortedMap(new TreeMap<>(properties));
        }
    }

    /** {@code from} needs or contains {@code to}; {@code type} as the document names it ({@code DEPENDS_ON}). */
    public record Link(String from, String to, String type) {
    }

    public SbomDocument {
        roots = List.copyOf(roots);
        components = List.copyOf(components);
        links = List.copyOf(links);
    }
}
