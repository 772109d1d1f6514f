package dev.ocisc.attest;

import dev.ocisc.text.ReportText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** {@code verified: WHERE: signed by KEYID, builder ID[, subject S]}, or one {@code not verified:} line per failure. */
final class AttestTextReport implements AttestReportWriter {
    @Override
    public void write(AttestReport r, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder();
        if (r.passed()) {
            sb.append(ReportText.line("verified: " + r.summary())).append('\n');
        } else {
            r.failures().forEach(f -> sb.append("not verified: ").append(ReportText.line(f)).append('\n'));
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
