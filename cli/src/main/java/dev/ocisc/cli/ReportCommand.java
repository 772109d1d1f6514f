package dev.ocisc.cli;

import dev.ocisc.failure.ExitCode;
import dev.ocisc.sbom.SbomDocument;
import dev.ocisc.sbom.SbomReader;
import dev.ocisc.sbom.report.SbomHtmlWriter;
import dev.ocisc.sbom.report.SbomReportFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Show an SBOM (CycloneDX JSON or SPDX JSON, whoever wrote it) as one self-contained HTML page: "
                + "summary and licences, a searchable table of the components (name, version, purl, licence, hash, "
                + "layer) and the dependency graph as an outline to expand and search.",
                "Exit 0 written, 2 usage, 3 the file is not an SBOM ocisc can read."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SBOM_FILE",
            description = "A CycloneDX JSON or SPDX 2.x JSON document (ocisc's, syft's, trivy's, ...).")
    Path sbom;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "html (the default and only format: the SBOM itself is the form for machines).")
    SbomReportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT[=FILE]|FILE|-", description = ReportOptions.OUTPUT_HELP)
    List<String> outputs = new ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var destinations = Outputs.resolve(SbomReportFormat.class, ReportOptions.given(format), outputs,
                SbomReportFormat.HTML);
        SbomDocument doc = SbomReader.document(sbom);
        // The page names the file by its name only: the same document gives the same page wherever it lies.
        String name = String.valueOf(sbom.getFileName());
        ReportOutput.emitAll(destinations, f -> out -> {
            switch (f) {
                case HTML -> new SbomHtmlWriter().write(doc, name, out);
            }
        }, spec.commandLine().getOut(), Main.of(spec).console());
        return ExitCode.OK;
    }
}
