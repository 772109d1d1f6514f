package dev.ocisc.attest;

import dev.ocisc.html.Html;
import dev.ocisc.html.HtmlPage;
import java.io.IOException;
import java.io.OutputStream;

/** The verdict and what was verified as a page; each failed attestation a row. Values go through {@link Html}. */
final class AttestHtmlReport implements AttestReportWriter {
    @Override
    public void write(AttestReport r, OutputStream out) throws IOException {
        String verdict = r.passed() ? "pass" : "fail";
        StringBuilder sb = new StringBuilder("<h1>ocisc attest verify</h1>\n<p class=\"subtitle mono\">")
                .append(Html.text(r.file())).append("</p>\n<div class=\"verdict ").append(verdict).append("\">")
                .append(verdict).append("</div>\n");
        if (r.passed()) {
            var v = r.verified();
            sb.append("<table id=\"verified\"><tbody>\n");
            row(sb, "attestation", r.where());
            row(sb, "signed by", v.keyid());
            row(sb, "builder", v.builderId());
            row(sb, "build type", v.buildType());
            row(sb, "subject", v.matchedSubject() == null ? "not checked (no --artifact or --digest)"
                    : v.matchedSubject());
            sb.append("</tbody></table>\n");
        }
        if (!r.failures().isEmpty()) {
            sb.append("<h2 id=\"failures\">Attestations that failed</h2>\n<table id=\"failed\"><tbody>\n");
            r.failures().forEach(f -> sb.append("<tr><td class=\"mono\">").append(Html.text(f)).append("</td></tr>\n"));
            sb.append("</tbody></table>\n");
        }
        new HtmlPage("ocisc attest verify: " + verdict).markup(sb).writeTo(out);
    }

    private static void row(StringBuilder sb, String name, String value) {
        sb.append("<tr><th>").append(name).append("</th><td class=\"mono\">").append(Html.text(value))
                .append("</td></tr>\n");
    }
}
