package dev.ocisc.sbom.report;

import java.util.Locale;

/**
 * The forms {@code report} writes an SBOM document in: a page for people. The document itself is the form for
 * machines, so there is no JSON or text form.
 */
public enum SbomReportFormat {
    HTML;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
