package dev.ocisc.sbom;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One package of an SBOM, independent of the output format.
 *
 * @param ref          a stable identifier, unique in the document (the store path for Nix objects)
 * @param type         what kind of thing it is
 * @param purl         package URL, or null
 * @param cpe          CPE 2.3 formatted string, or null
 * @param sha256       hex SHA-256 of the component's bytes (for Nix objects: of the NAR), or null
 * @param license      the declared license, or null when unknown (written as NOASSERTION)
 * @param downloadUrls where the bytes were fetched from (fixed-output sources), in order
 * @param buildOnly    true when the component is needed only to build the target, null when unknown or
 *                     when the document is about the run-time closure
 * @param properties   further facts, keyed by namespaced names ({@code nix:drv_path}), sorted
 */
public record Component(
        String ref,
        Type type,
        String name,
        String version,
        String purl,
        String cpe,
        String sha256,
        License license,
        String description,
        String homepage,
        List<String> downloadUrls,
        String sourceInfo,
        Boolean buildOnly,
        SortedMap<String, String> properties) {

    public enum Type { APPLICATION, LIBRARY, FILE, DATA, CONTAINER, OPERATING_SYSTEM }

    public Component {
        downloadUrls = List.copyOf(downloadUrls);
        properties = Collections.unmodifiableSortedMap(new TreeMap<>(properties));
    }
}
