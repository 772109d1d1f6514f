package dev.ocisc.attest;

import dev.ocisc.text.ReportText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The verdict as a heading, what was verified as a list; values from the attestation in code spans. */
final class AttestMarkdownReport implements AttestReportWriter {
    @Override
    public void write(AttestReport r, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder("## ocisc attest verify: ").append(r.passed() ? "pass" : "fail")
                .append("\n\n- file: ").append(ReportText.code(r.file())).append('\n');
        if (r.passed()) {
            var v = r.verified();
            sb.append("- attestation: ").append(ReportText.code(r.where())).append('\n')
                    .append("- signed by: ").append(ReportText.code(v.keyid())).append('\n')
                    .append("- builder: ").append(ReportText.code(v.builderId())).append('\n')
                    .append("- build type: ").append(ReportText.code(v.buildType())).append('\n')
                    .append("- subject: ").append(v.matchedSubject() == null ? "not checked (no --artifact or --digest)"
                            : ReportText.code(v.matchedSubject())).append('\n');
        }
        if (!r.failures().isEmpty()) {
            sb.append("\n| attestation that failed |\n|---|\n");
            r.failures().forEach(f -> sb.append("| ").append(ReportText.line(f).replace("|", "\\|")).append(" |\n"));
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
