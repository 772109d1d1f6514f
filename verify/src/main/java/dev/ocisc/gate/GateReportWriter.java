package dev.ocisc.gate;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ocisc.diff.ReportFormat;
import dev.ocisc.json.Json;
import dev.ocisc.text.ReportText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The gate's report as text, JSON ({@code https://ocisc.dev/schemas/verify-image/v1}), Markdown or HTML
 * ({@link GateHtmlReport}). Text and Markdown show values from the inputs (image names, package names, policy
 * findings) through {@link ReportText}.
 */
public final class GateReportWriter {
    public static final String SCHEMA = "https://ocisc.dev/schemas/verify-image/v1";

    private GateReportWriter() {
    }

    public static byte[] render(ReportFormat format, GateReport r) {
        return switch (format) {
            case JSON -> json(r);
            case MARKDOWN -> markdown(r).getBytes(StandardCharsets.UTF_8);
            case TEXT -> text(r).getBytes(StandardCharsets.UTF_8);
            case HTML -> GateHtmlReport.render(r);
        };
    }

    private static String verdict(GateReport r) {
        return r.passed() ? "pass" : "fail";
    }

    private static String text(GateReport r) {
        StringBuilder sb = new StringBuilder("image: ").append(ReportText.line(r.image())).append(" (")
                .append(r.form()).append(", ").append(ReportText.line(r.manifestDigest())).append(")\nverdict: ")
                .append(verdict(r)).append('\n');
        if (r.checks().isEmpty()) {
            sb.append("no checks requested (give --sbom, --attestation or --policy)\n");
        }
        for (Check c : r.checks()) {
            sb.append('\n').append(c.passed() ? "[pass] " : "[FAIL] ").append(c.id()).append(": ")
                    .append(ReportText.line(c.summary())).append('\n');
            c.items().forEach(i -> sb.append("  ").append(ReportText.line(i)).append('\n'));
        }
        return sb.toString();
    }

    private static String markdown(GateReport r) {
        StringBuilder sb = new StringBuilder("## ocisc verify image: ").append(verdict(r)).append("\n\n- image: ")
                .append(ReportText.code(r.image())).append(" (").append(r.form()).append(", ")
                .append(ReportText.code(r.manifestDigest()))
                .append(")\n\n| check | result | summary |\n|---|---|---|\n");
        for (Check c : r.checks()) {
            sb.append("| ").append(c.id()).append(" | ").append(c.passed() ? "pass" : "**fail**").append(" | ")
                    .append(ReportText.line(c.summary()).replace("|", "\\|")).append(" |\n");
        }
        for (Check c : r.checks()) {
            if (!c.items().isEmpty()) {
                sb.append("\n<details><summary>").append(c.id()).append(" (").append(c.items().size())
                        .append(")</summary>\n\n");
                c.items().forEach(i -> sb.append("- ").append(ReportText.code(i)).append('\n'));
                sb.append("\n</details>\n");
            }
        }
        return sb.toString();
    }

    private static byte[] json(GateReport r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA);
            g.writeStringField("verdict", verdict(r));
            // source, form, manifest_digest: the names layers and diff use too; image stays for v1 readers.
            g.writeStringField("source", r.image());
            g.writeStringField("image", r.image());
            g.writeStringField("form", r.form());
            g.writeStringField("manifest_digest", r.manifestDigest());
            g.writeArrayFieldStart("checks");
            for (Check c : r.checks()) {
                g.writeStartObject();
                g.writeStringField("id", c.id());
                g.writeStringField("result", c.passed() ? "pass" : "fail");
                g.writeStringField("summary", c.summary());
                g.writeArrayFieldStart("items");
                for (String i : c.items()) {
                    g.writeString(i);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }
}
