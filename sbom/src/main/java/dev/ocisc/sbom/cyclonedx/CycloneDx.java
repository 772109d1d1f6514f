package dev.ocisc.sbom.cyclonedx;

import dev.ocisc.sbom.Component;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What the JSON and XML bindings of CycloneDX 1.6 share: names of enums and how values are spelt. */
final class CycloneDx {
    static final String SPEC_VERSION = "1.6";
    static final String XML_NAMESPACE = "http://cyclonedx.org/schema/bom/1.6";

    private CycloneDx() {
    }

    static String type(Component.Type t) {
        return switch (t) {
            case OPERATING_SYSTEM -> "operating-system";
            default -> t.name().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * Components needed at run time are {@code required}; build-only ones {@code excluded} (the 1.6 meaning:
     * not part of the running artifact). Unknown stays unset.
     */
    static String scope(Component c) {
        if (c.buildOnly() == null) {
            return null;
        }
        return c.buildOnly() ? "excluded" : "required";
    }

    static String timestamp(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.atOffset(ZoneOffset.UTC).toInstant());
    }
}
