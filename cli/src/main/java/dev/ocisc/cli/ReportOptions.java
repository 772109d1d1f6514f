package dev.ocisc.cli;

import java.util.List;

/** What the report-writing commands say alike about {@code -o}. */
final class ReportOptions {
    /** The help of every report command's {@code -o}. */
    static final String OUTPUT_HELP = "Where the report goes (default stdout); repeatable. FILE takes the -f format; "
            + "FORMAT=FILE writes that format to FILE; a FORMAT alone writes it to stdout; - is stdout. The "
            + "directory must exist.";

    private ReportOptions() {
    }

    /** The {@code -f} value as the list {@link Outputs#resolve} takes: empty when none was given. */
    static <F> List<F> given(F format) {
        return format == null ? List.of() : List.of(format);
    }
}
