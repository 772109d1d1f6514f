package dev.ocisc.catalog;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A package of a language ecosystem (a Go module, a Python distribution, an npm package, a Maven artifact, a crate)
 * found from the files inside a store path or a layer, as its ecosystem records it.
 *
 * @param ecosystem    the purl type of its ecosystem ({@code golang}, {@code pypi}, {@code npm}, ...)
 * @param namespace    the purl namespace ({@code github.com/google} for {@code github.com/google/uuid}, an npm
 *                     scope with its {@code @}, a Maven group), or null
 * @param name         the purl name, as the ecosystem writes it (the purl library normalises it)
 * @param version      as the ecosystem writes it (Go pseudo-versions and {@code (devel)} unchanged)
 * @param recordedHash the hash the ecosystem records for it, as the ecosystem writes it (Go's {@code h1:} sum, npm's
 *                     {@code sha512-...} integrity, Cargo's hex SHA-256 checksum), or null when it records none
 * @param license      the declared licence when it is a valid SPDX expression, else null (the declared text, if
 *                     any, is then the property {@code ecosystem:declared_license}: never guessed into SPDX)
 * @param main         true for the module a binary was built from (Go's {@code mod} line), false for what it uses
 * @param evidence     the file that says so
 * @param container    the store path ({@code /nix/store/...}) that holds the file, or null when it is in no store
 *                     path (then the layer that holds it is the container)
 * @param properties   what else the ecosystem says (a Go replacement, the toolchain), keyed {@code ecosystem:key},
 *                     sorted
 */
public record LanguagePackage(String ecosystem, String namespace, String name, String version, String recordedHash,
        String license, boolean main, Evidence evidence, String container, Map<String, String> properties) {

    /**
     * The file a package was found in.
     *
     * @param path   absolute path in the store or the image ({@code /nix/store/...-hello/bin/hello})
     * @param sha256 hex SHA-256 of the file's bytes
     */
    public record Evidence(String path, String sha256) {
    }

    public LanguagePackage {
        properties = Collections.unmodifiableSortedMap(new TreeMap<>(properties));
    }

    /** A package whose ecosystem declares no licence (Go modules). */
    public LanguagePackage(String ecosystem, String namespace, String name, String version, String recordedHash,
            boolean main, Evidence evidence, String container, Map<String, String> properties) {
        this(ecosystem, namespace, name, version, recordedHash, null, main, evidence, container, properties);
    }

    /** {@code namespace/name}, or the name alone. */
    public String fullName() {
        return namespace == null ? name : namespace + "/" + name;
    }

    /** The same package found in another container (a file the scan met before the container was known). */
    public LanguagePackage in(String container, Evidence evidence) {
        return new LanguagePackage(ecosystem, namespace, name, version, recordedHash, license, main, evidence,
                container, properties);
    }
}
