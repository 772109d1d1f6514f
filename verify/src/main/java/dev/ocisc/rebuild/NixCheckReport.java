package dev.ocisc.rebuild;

import dev.ocisc.diff.ReportFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

/**
 * Writes the outcomes of a {@code verify nix} ({@code nix-build --check} per derivation) in one format. Output is
 * a function of the outcomes alone: same outcomes, same bytes.
 */
public interface NixCheckReport {
    void write(List<NixCheck.Outcome> outcomes, OutputStream out) throws IOException;

    static NixCheckReport forFormat(ReportFormat format) {
        return switch (format) {
            case TEXT -> new NixCheckTextReport();
            case JSON -> new NixCheckJsonReport();
            case MARKDOWN -> new NixCheckMarkdownReport();
            case HTML -> new NixCheckHtmlReport();
        };
    }

    /** A status as reports name it: "not reproducible". */
    static String label(NixCheck.Status s) {
        return s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
