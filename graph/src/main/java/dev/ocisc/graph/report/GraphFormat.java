package dev.ocisc.graph.report;

import java.util.Locale;

/** The forms a graph is shown in, named on the command line as {@link #toString()} says. */
public enum GraphFormat {
    TEXT, DOT, JSON;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
