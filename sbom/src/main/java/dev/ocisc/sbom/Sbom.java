package dev.ocisc.sbom;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A format-neutral SBOM: what the writers of each format turn into bytes.
 *
 * @param name          document name (the target)
 * @param serial        content-derived UUID, the same for the same content
 * @param created       creation time (from SOURCE_DATE_EPOCH), or null when none was given
 * @param roots         refs of the components the document describes (the target)
 * @param components    every component, roots included, sorted by ref
 * @param relationships every dependency edge, sorted
 * @param lifecycle     {@code build} for a build-closure document, {@code operations} for a run-time one
 */
public record Sbom(
        String name,
        String serial,
        Instant created,
        List<String> roots,
        List<Component> components,
        List<Relationship> relationships,
        String lifecycle,
        String toolVersion) {

    public Sbom {
        roots = List.copyOf(roots);
        List<Component> sorted = new ArrayList<>(components);
        sorted.sort(Comparator.comparing(Component::ref));
        components = List.copyOf(sorted);
        List<Relationship> rels = new ArrayList<>(relationships);
        rels.sort(Relationship.ORDER);
        relationships = List.copyOf(rels);
        Set<String> refs = new HashSet<>();
        for (Component c : components) {
            if (!refs.add(c.ref())) {
                throw new IllegalArgumentException("duplicate component ref " + c.ref());
            }
        }
        for (String r : roots) {
            if (!refs.contains(r)) {
                throw new IllegalArgumentException("root is not a component: " + r);
            }
        }
        for (Relationship r : relationships) {
            if (!refs.contains(r.from()) || !refs.contains(r.to())) {
                throw new IllegalArgumentException("dangling relationship " + r.from() + " -> " + r.to());
            }
        }
    }

    public Component component(String ref) {
        return components.stream().filter(c -> c.ref().equals(ref)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no component " + ref));
    }

    /** Every component's outgoing relationships, keyed in component order; components without any map to []. */
    public Map<String, List<Relationship>> dependencies() {
        Map<String, List<Relationship>> deps = new LinkedHashMap<>();
        for (Component c : components) {
            deps.put(c.ref(), new ArrayList<>());
        }
        for (Relationship r : relationships) {
            deps.get(r.from()).add(r);
        }
        return deps;
    }
}
