package dev.ocisc.attest;

import dev.ocisc.text.ReportText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code verified: WHERE: signed by KEYID, builder ID[, subject S]}; nothing when none verified, since each failure
 * is an error line on stderr already (JSON and Markdown reports hold them for a job's artefacts).
 */
final class AttestTextReport implements AttestReportWriter {
    @Override
    public void write(AttestReport r, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder();
        if (r.passed()) {
            sb.append(ReportText.line("verified: " + r.summary())).append('\n');
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
