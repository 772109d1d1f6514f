package dev.ocisc.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ocisc.diff.Drift;
import dev.ocisc.diff.JsonReport;
import dev.ocisc.diff.ReportFormat;
import dev.ocisc.diff.ReportText;
import dev.ocisc.diff.ReportWriter;
import dev.ocisc.graph.InvalidInputException;
import dev.ocisc.rebuild.NixCheck;
import dev.ocisc.sbom.Json;
import dev.ocisc.target.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "nix", mixinStandardHelpOptions = true,
        description = {"Rebuild a Nix derivation with nix-build --check -K and explain any difference between the "
                + "output and the kept <out>.check.",
                "Exit 0 reproducible, 1 not reproducible, 3 bad target (or its outputs are not built), 4 nix failed."})
final class VerifyNixCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TARGET", description = "A .drv, a store path or a result link.")
    String target;

    @Option(names = "--recursive", description = "Check every derivation of the build closure whose outputs are "
            + "valid locally; summarise reproducible, not reproducible and not checked.")
    boolean recursive;

    @Option(names = "--nix-option", paramLabel = "NAME=VALUE",
            description = "Passed to nix-build as --option NAME VALUE (e.g. sandbox=false); repeatable.")
    List<String> nixOptions = new ArrayList<>();

    @Mixin
    DriftOptions drift;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Wanted.NIX.check("verify nix", Target.of(target, null));
        List<String> opts = new ArrayList<>();
        for (String o : nixOptions) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--nix-option takes NAME=VALUE, got '" + o + "'");
            }
            opts.addAll(List.of("--option", o.substring(0, eq), o.substring(eq + 1)));
        }
        NixCheck check = new NixCheck(drift.diffOptions(Map.of()), opts);
        List<String> drvs = recursive ? NixCheck.closure(target) : List.of(NixCheck.derivationOf(target));
        List<NixCheck.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < drvs.size(); i++) {
            if (drvs.size() > 1) {
                err.println("ocisc: checking " + (i + 1) + "/" + drvs.size() + " " + drvs.get(i));
            }
            outcomes.add(check.check(drvs.get(i)));
        }
        if (!recursive && outcomes.get(0).status() == NixCheck.Status.NOT_CHECKED) {
            throw new InvalidInputException(target, "its outputs are not built, so there is nothing to compare "
                    + "the rebuild with; build it first");
        }
        DriftOutput.emit(render(outcomes), drift.output, spec.commandLine().getOut());
        boolean bad = outcomes.stream().anyMatch(o -> o.status() == NixCheck.Status.NOT_REPRODUCIBLE
                && o.drifts().stream().anyMatch(d -> !d.clean()));
        return bad ? ExitCode.FOUND : ExitCode.OK;
    }

    private byte[] render(List<NixCheck.Outcome> outcomes) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            switch (drift.format) {
                case JSON -> json(outcomes, buf);
                case MARKDOWN -> text(outcomes, buf, true);
                case TEXT -> text(outcomes, buf, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    private static String label(NixCheck.Status s) {
        return s.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private void text(List<NixCheck.Outcome> outcomes, ByteArrayOutputStream buf, boolean markdown)
            throws IOException {
        StringBuilder sb = new StringBuilder(markdown ? "## ocisc verify nix\n\n" : "");
        int[] counts = new int[3];
        for (NixCheck.Outcome o : outcomes) {
            counts[o.status().ordinal()]++;
            sb.append(markdown ? "- **" + label(o.status()) + "** `" + o.derivation() + "`"
                    : String.format("%-17s %s", label(o.status()), o.derivation()));
            sb.append(o.reason().isEmpty() ? "" : " (" + ReportText.line(o.reason()) + ")").append('\n');
        }
        sb.append(markdown ? "\n" : "").append("summary: ").append(counts[0]).append(" reproducible, ")
                .append(counts[1]).append(" not reproducible, ").append(counts[2]).append(" not checked\n");
        buf.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        for (NixCheck.Outcome o : outcomes) {
            for (Drift d : o.drifts()) {
                buf.write(("\n" + (markdown ? "" : "== ") + o.derivation() + "\n").getBytes(StandardCharsets.UTF_8));
                ReportWriter.forFormat(markdown ? ReportFormat.MARKDOWN : ReportFormat.TEXT).write(d, buf);
            }
        }
    }

    private static void json(List<NixCheck.Outcome> outcomes, ByteArrayOutputStream buf) throws IOException {
        try (JsonGenerator g = Json.generator(buf)) {
            g.writeStartObject();
            g.writeStringField("schema", "https://ocisc.dev/schemas/verify-nix/v1");
            g.writeArrayFieldStart("derivations");
            for (NixCheck.Outcome o : outcomes) {
                g.writeStartObject();
                g.writeStringField("derivation", o.derivation());
                g.writeStringField("status", label(o.status()).replace(' ', '-'));
                Json.optional(g, "reason", o.reason());
                g.writeArrayFieldStart("drifts");
                for (Drift d : o.drifts()) {
                    JsonReport.writeObject(g, d, false);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        buf.write('\n');
    }
}
