package dev.ocisc.cli;

import dev.ocisc.failure.ExitCode;
import dev.ocisc.graph.Graph;
import dev.ocisc.graph.report.GraphFormat;
import dev.ocisc.graph.report.GraphWriter;
import dev.ocisc.graph.report.WhyReport;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Show the run-time or build graph of a Nix target as a tree, Graphviz DOT or JSON.")
final class GraphCommand implements Callable<Integer> {
    @Mixin
    GraphOptions graph;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), dot or json.")
    GraphFormat format;

    @Option(names = "--why", paramLabel = "NAME",
            description = "Print every path from the target to the packages called NAME (or whose store path "
                    + "contains NAME): why is this in my closure?")
    String why;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Graph g = graph.load(Wanted.GRAPH.check("graph", graph.target()), err);
        if (why == null) {
            ReportOutput.print(o -> GraphWriter.forFormat(format).write(g, o), out);
            return ExitCode.OK;
        }
        Graph.Paths paths = WhyReport.find(g, why);
        if (paths.paths().isEmpty()) {
            err.println("ocisc: nothing called '" + why + "' in the " + g.mode().name().toLowerCase(Locale.ROOT)
                    + " graph of " + graph.target);
            return ExitCode.FOUND;
        }
        ReportOutput.print(o -> WhyReport.write(g, paths, o), out);
        if (!paths.complete()) {
            err.println("ocisc: stopped after " + paths.paths().size() + " paths"
                    + (paths.paths().size() >= WhyReport.LIMIT ? "" : " (the search is bounded: the graph holds too"
                    + " many partial paths to try them all)"));
        }
        return ExitCode.OK;
    }
}
