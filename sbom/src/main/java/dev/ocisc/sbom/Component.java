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
 * @param downloadHash the hash the downloaded file must have (a flat fixed-output hash), or null
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
        Hash downloadHash,
        String sourceInfo,
        Boolean buildOnly,
        SortedMap<String, String> properties) {

    /** A digest with its algorithm as CycloneDX names it ({@code SHA-256}, {@code SHA-512}, {@code SHA-1}, {@code MD5}). */
    public record Hash(String algorithm, String hex) {
        /** From Nix's algorithm names; null for an algorithm neither format can state. */
        public static Hash ofNix(String nixAlgorithm, String hex) {
            String alg = switch (nixAlgorithm) {
                case "sha256" -> "SHA-256";
                case "sha512" -> "SHA-512";
                case "sha1" -> "SHA-1";
                case "md5" -> "MD5";
                default -> null;
            };
            return alg == null ? null : new Hash(alg, hex);
        }
    }

    public enum Type { APPLICATION, LIBRARY, FILE, DATA, CONTAINER, OPERATING_SYSTEM }

    public Component {
        downloadUrls = List.copyOf(downloadUrls);
        properties = Collections.unmodifiableSortedMap(new TreeMap<>(properties));
    }
}
