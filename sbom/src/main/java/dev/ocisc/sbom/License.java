package dev.ocisc.sbom;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A declared license as an SPDX license expression. Licenses without an SPDX id appear in the expression as
 * {@code LicenseRef-...} and are described in {@link #named()}.
 *
 * @param expression an SPDX license expression, e.g. {@code MIT}, {@code GPL-2.0-only OR MIT},
 *                   {@code LicenseRef-nixpkgs-unfree}
 * @param named      the LicenseRef ids used in the expression, with their names and URLs
 */
public record License(String expression, SortedMap<String, NamedLicense> named) {
    public License {
        named = Collections.unmodifiableSortedMap(new TreeMap<>(named));
    }

    /**
     * A license that has no SPDX id.
     *
     * @param origin where the name was found, for the reader of the SPDX document ({@code the nixpkgs metadata},
     *               {@code /usr/share/doc/PKG/copyright})
     */
    public record NamedLicense(String id, String name, List<String> urls, String origin) {
        public NamedLicense {
            urls = List.copyOf(urls);
        }
    }

    /** True when the expression is one license (no operator), SPDX-listed or named. */
    public boolean isSingle() {
        return !expression.contains(" ");
    }

    public boolean isNamedOnly() {
        return isSingle() && named.containsKey(expression);
    }
}
