package dev.ocisc.sbom;

import java.util.Comparator;

/**
 * {@code from} needs {@code to}. BUILD_DEPENDENCY marks an input needed only to build (or not known to be
 * needed at run time); DEPENDS_ON everything needed at run time; CONTAINS a part of {@code from} (an image's
 * operating system, the packages of that operating system, a language package found inside a store path or an
 * image). CycloneDX has one relation for all of them ({@code dependsOn}); SPDX names each.
 */
public record Relationship(String from, String to, Type type) {
    public static final Comparator<Relationship> ORDER =
            Comparator.comparing(Relationship::from).thenComparing(Relationship::to);

    public enum Type { DEPENDS_ON, BUILD_DEPENDENCY, CONTAINS }
}
