package dev.ocisc.oci.report;

import java.util.Locale;

/** The forms a layers report is written in, named on the command line as {@link #toString()} says. */
public enum LayersFormat {
    TEXT, JSON, HTML;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
