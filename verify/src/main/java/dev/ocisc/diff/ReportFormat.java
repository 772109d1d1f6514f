package dev.ocisc.diff;

import java.util.Locale;

/** The forms a drift or gate report is written in, named on the command line as {@link #toString()} says. */
public enum ReportFormat {
    TEXT, JSON, MARKDOWN, HTML;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
