package dev.ocisc.gate;

import dev.ocisc.text.ReportText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The image, the verdict, then each check with its items; values from the inputs through {@link ReportText}. */
final class GateTextReport implements GateReportWriter {
    @Override
    public void write(GateReport r, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder("image: ").append(ReportText.line(r.image())).append(" (")
                .append(r.form()).append(", ").append(ReportText.line(r.manifestDigest())).append(")\nverdict: ")
                .append(r.verdict()).append('\n');
        if (r.checks().isEmpty()) {
            sb.append("no checks requested (give --sbom, --attestation or --policy)\n");
        }
        for (Check c : r.checks()) {
            sb.append('\n').append(c.passed() ? "[pass] " : "[FAIL] ").append(c.id()).append(": ")
                    .append(ReportText.line(c.summary())).append('\n');
            c.items().forEach(i -> sb.append("  ").append(ReportText.line(i)).append('\n'));
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
