package dev.ocisc.cli;

import dev.ocisc.diff.DiffOptions;
import dev.ocisc.diff.DriftClass;
import dev.ocisc.diff.ReportFormat;
import dev.ocisc.oci.Limits;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/** The options every drift-reporting command shares: what to ignore, the report format and where it goes. */
final class DriftOptions {
    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "text (default), json, markdown or html (one self-contained page).")
    ReportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT[=FILE]|FILE|-", description = ReportOptions.OUTPUT_HELP)
    List<String> outputs = new ArrayList<>();

    @picocli.CommandLine.Mixin
    ExitOptions exit;

    // The label says the whole syntax: picocli's own for a split option repeats it ("CLASS[,CLASS...][,CLASS...]").
    @Option(names = "--ignore", paramLabel = "CLASS[,CLASS...]", split = ",", hideParamSyntax = true,
            description = "Drift classes that do not count: files, content, embedded-time, randomness, build-path, "
                    + "hostname, timestamps, permissions, ownership, metadata, order, encoding, compression, "
                    + "created, history, json, config, manifest, layers.")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--ignore-path", paramLabel = "GLOB",
            description = "Leave out entries whose path (no leading ./ or /) matches; repeatable.")
    List<String> ignorePaths = new ArrayList<>();

    /** Where the reports go, checked before any work. */
    List<dev.ocisc.cli.Outputs.Destination<ReportFormat>> destinations() {
        exit.validate();
        return Outputs.resolve(ReportFormat.class, ReportOptions.given(format), outputs, ReportFormat.TEXT);
    }

    DiffOptions diffOptions(Map<String, DriftClass> hints) {
        Set<DriftClass> classes = EnumSet.noneOf(DriftClass.class);
        // Blank entries name nothing (--ignore "$EMPTY" in a CI job, a doubled comma); a bad id is a usage error.
        ignore.stream().filter(id -> !id.isBlank()).map(DriftClass::byId).forEach(classes::add);
        return new DiffOptions(classes, ignorePaths, hints, Limits.defaults());
    }
}
