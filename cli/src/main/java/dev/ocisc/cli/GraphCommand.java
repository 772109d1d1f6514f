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

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "TARGET", description = GraphOptions.NIX_TARGETS)
    void target(String t) {
        graph.target = t;
    }

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "text (default), dot or json.")
    GraphFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT[=FILE]|FILE|-", description = ReportOptions.OUTPUT_HELP)
    java.util.List<String> outputs = new java.util.ArrayList<>();

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
        if (why != null && !outputs.isEmpty()) {
            throw new dev.ocisc.failure.UsageException("--why prints its paths to stdout; -o is for the graph");
        }
        Console console = Main.of(spec).console();
        var destinations = Outputs.resolve(GraphFormat.class, ReportOptions.given(format), outputs, GraphFormat.TEXT);
        Graph g;
        if (graph.stdin()) {
            g = graph.loadStdin(Main.of(spec).stdin(), console);
        } else {
            dev.ocisc.target.Target t = Wanted.GRAPH.check("graph", graph.target());
            console.verbose("reading " + t.arg() + ": " + graph.describe(t));
            g = console.stage("read the graph", () -> graph.load(t, console));
        }
        if (why == null) {
            ReportOutput.emitAll(destinations, f -> o -> GraphWriter.forFormat(f).write(g, o), out, console);
            return ExitCode.OK;
        }
        Graph.Paths paths = WhyReport.find(g, why);
        if (paths.paths().isEmpty()) {
            err.println("ocisc: nothing called '" + why + "' in the " + g.mode().name().toLowerCase(Locale.ROOT)
                    + " graph of " + (graph.stdin() ? GraphOptions.STDIN_NAME : graph.target));
            return ExitCode.FOUND;
        }
        ReportOutput.print(o -> WhyReport.write(g, paths, o), out);
        if (!paths.complete()) {
            console.info("ocisc: stopped after " + paths.paths().size() + " paths"
                    + (paths.paths().size() >= WhyReport.LIMIT ? "" : " (the search is bounded: the graph holds too"
                    + " many partial paths to try them all)"));
        }
        return ExitCode.OK;
    }
}
