package dev.ocisc.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Package URLs per the purl specification ({@code pkg:type/namespace/name@version?qualifiers}), built and parsed by
 * the purl project's own library (packageurl-java). The one place ocisc makes a purl: every ecosystem goes through
 * {@link #of}.
 */
public final class Purl {
    private Purl() {
    }

    /**
     * Builds a canonical purl. Qualifiers with an empty or null value are dropped (the specification's canonical
     * form has none); keys are lowercased and sorted. {@code namespace} may hold several {@code /}-separated
     * segments ({@code pkg:golang/github.com/gorilla/mux}).
     *
     * @return the purl, or null when {@code name} is empty: a purl must have one, and a store path such as
     *         {@code /nix/store/<hash>--1.0} parses to an empty name
     * @throws IllegalArgumentException when the parts cannot form a purl otherwise (a bad type or qualifier key)
     */
    public static String of(String type, String namespace, String name, String version,
            Map<String, String> qualifiers) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        TreeMap<String, String> q = new TreeMap<>();
        qualifiers.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                q.put(k.toLowerCase(Locale.ROOT), v);
            }
        });
        try {
            return canonical(new PackageURL(type, namespace == null || namespace.isEmpty() ? null : namespace, name,
                    version == null || version.isEmpty() ? null : version, q.isEmpty() ? null : q, null));
        } catch (MalformedPackageURLException e) {
            throw new IllegalArgumentException("not a valid purl: type " + type + ", namespace " + namespace
                    + ", name " + name + ", version " + version + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses {@code purl} and writes it back in canonical form: identity for every purl {@link #of} builds.
     *
     * @throws IllegalArgumentException when it is not a purl
     */
    public static String canonicalize(String purl) {
        try {
            return canonical(new PackageURL(purl));
        } catch (MalformedPackageURLException e) {
            throw new IllegalArgumentException("not a valid purl: " + purl + ": " + e.getMessage(), e);
        }
    }

    /** The parsed parts of a purl, as the library reads them (for tests: the library stays inside this module). */
    static PackageURL parse(String purl) {
        try {
            return new PackageURL(purl);
        } catch (MalformedPackageURLException e) {
            throw new IllegalArgumentException("not a valid purl: " + purl + ": " + e.getMessage(), e);
        }
    }

    /**
     * The library's canonical string with ':' left unencoded. The specification says the colon MUST NOT be
     * percent-encoded, separator or not ({@code pkg:oci/debian@sha256:244f...}, Debian epochs {@code 1:2.38});
     * packageurl-java 1.5.0, the newest release, still writes {@code %3A} (fixed upstream after it, "don't
     * percent-encode colon chars", #273). A literal '%' is written as {@code %25}, so {@code %3A} in the output can
     * only stand for ':'.
     */
    private static String canonical(PackageURL p) {
        return p.canonicalize().replace("%3A", ":");
    }
}
