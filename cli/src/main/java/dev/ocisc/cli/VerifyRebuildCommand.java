package dev.ocisc.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ocisc.diff.DriftClass;
import dev.ocisc.diff.JsonReport;
import dev.ocisc.diff.ReportFormat;
import dev.ocisc.diff.ReportWriter;
import dev.ocisc.rebuild.Rebuild;
import dev.ocisc.rebuild.Variation;
import dev.ocisc.sbom.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = {"Run a build several times in fresh directories under varied conditions and compare the "
                + "artifact by digest; explain mismatches.",
                "Exit 0 reproducible, 1 drift, 2 usage, 3 no artifact, 4 the build failed."})
final class VerifyRebuildCommand implements Callable<Integer> {
    @Option(names = "--runs", defaultValue = "2", description = "Number of builds (at least 2; default 2).")
    int runs;

    @Option(names = "--vary", split = ",", paramLabel = "LIST",
            description = "Variations: time, tz, locale, umask, path, home, hostname, dirorder (default: all).")
    List<String> vary = new ArrayList<>();

    @Option(names = "--artifact", required = true, paramLabel = "PATH",
            description = "The build's output, relative to the build directory (file or directory).")
    String artifact;

    @Option(names = "--source", paramLabel = "DIR", defaultValue = ".",
            description = "Copied into each fresh build directory (default: the current directory).")
    Path source;

    @Option(names = "--bisect", description = "Vary one property at a time and name which causes which drift.")
    boolean bisect;

    @Parameters(paramLabel = "CMD", arity = "1..*", description = "The build command (after --).")
    List<String> command = new ArrayList<>();

    @Mixin
    DriftOptions drift;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (runs < 2) {
            throw new UsageException("--runs must be at least 2");
        }
        Set<Variation> variations = EnumSet.noneOf(Variation.class);
        try {
            for (String v : vary) {
                variations.add(Variation.byId(v));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (!java.nio.file.Files.isDirectory(source)) {
            throw new dev.ocisc.graph.InvalidInputException(source.toString(), "not a directory");
        }
        PrintWriter err = spec.commandLine().getErr();
        Rebuild.Result r = new Rebuild(drift.diffOptions(Map.of()), s -> err.println("ocisc: " + s))
                .run(new Rebuild.Plan(command, source.toAbsolutePath(), artifact, runs, variations, bisect));
        r.notApplied().forEach((v, why) -> err.println("ocisc: warning: variation " + v.id() + " not applied: "
                + why));
        DriftOutput.emit(render(r), drift.output, spec.commandLine().getOut());
        return r.reproducible() ? ExitCode.OK : ExitCode.FOUND;
    }

    private byte[] render(Rebuild.Result r) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            if (drift.format == ReportFormat.JSON) {
                json(r, buf);
            } else {
                text(r, buf, drift.format == ReportFormat.MARKDOWN);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    private static String ids(Set<DriftClass> classes) {
        return classes.stream().map(DriftClass::id).collect(Collectors.joining(", "));
    }

    private void text(Rebuild.Result r, ByteArrayOutputStream buf, boolean markdown) throws IOException {
        StringBuilder sb = new StringBuilder(markdown ? "## ocisc verify rebuild\n\n" : "");
        sb.append("verdict: ").append(r.reproducible() ? "reproducible" : "not reproducible").append('\n');
        sb.append("control artifact: ").append(r.controlDigest()).append('\n');
        for (Rebuild.Comparison c : r.comparisons()) {
            sb.append(markdown ? "- " : "").append("run varying ").append(c.setting().label()).append(": ")
                    .append(c.drift().clean() ? "same" : "drift (" + ids(c.drift().classes().keySet()) + ")")
                    .append('\n');
        }
        if (bisect && !r.causes().isEmpty()) {
            sb.append(markdown ? "\n### causes\n\n" : "\ncauses:\n");
            r.causes().forEach((v, classes) -> sb.append(markdown ? "- " : "  ").append(v.equals("control")
                    ? "no variation (the build is non-deterministic by itself)" : v).append(" -> ")
                    .append(ids(classes)).append('\n'));
        }
        r.notApplied().forEach((v, why) -> sb.append("not applied: ").append(v.id()).append(" (").append(why)
                .append(")\n"));
        buf.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        for (Rebuild.Comparison c : r.comparisons()) {
            if (!c.drift().clean()) {
                buf.write(("\n" + (markdown ? "### " : "== ") + "control vs " + c.setting().label() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                ReportWriter.forFormat(markdown ? ReportFormat.MARKDOWN : ReportFormat.TEXT).write(c.drift(), buf);
            }
        }
    }

    private void json(Rebuild.Result r, ByteArrayOutputStream buf) throws IOException {
        try (JsonGenerator g = Json.generator(buf)) {
            g.writeStartObject();
            g.writeStringField("schema", "https://ocisc.dev/schemas/verify-rebuild/v1");
            g.writeStringField("verdict", r.reproducible() ? "reproducible" : "not-reproducible");
            g.writeStringField("control_digest", r.controlDigest());
            g.writeArrayFieldStart("runs");
            for (Rebuild.Comparison c : r.comparisons()) {
                g.writeStartObject();
                g.writeStringField("varied", c.setting().label());
                g.writeStringField("digest", c.digest());
                g.writeFieldName("drift");
                JsonReport.writeObject(g, c.drift(), false);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("causes");
            for (Map.Entry<String, Set<DriftClass>> e : r.causes().entrySet()) {
                g.writeArrayFieldStart(e.getKey());
                for (DriftClass c : e.getValue()) {
                    g.writeString(c.id());
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("not_applied");
            for (Map.Entry<Variation, String> e : r.notApplied().entrySet()) {
                g.writeStringField(e.getKey().id(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        buf.write('\n');
    }
}
