package dev.ocisc.attest;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ocisc.json.Json;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code https://ocisc.dev/schemas/attest-verify/v1}: snake_case keys, every key always present (null when it does
 * not apply), as the other reports write.
 */
final class AttestJsonReport implements AttestReportWriter {
    public static final String SCHEMA = "https://ocisc.dev/schemas/attest-verify/v1";

    @Override
    public void write(AttestReport r, OutputStream out) throws IOException {
        var v = r.verified();
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA);
            g.writeStringField("verdict", r.passed() ? "pass" : "fail");
            g.writeStringField("file", r.file());
            g.writeStringField("attestation", r.where());
            g.writeStringField("keyid", v == null ? null : v.keyid());
            g.writeStringField("builder_id", v == null ? null : v.builderId());
            g.writeStringField("build_type", v == null ? null : v.buildType());
            g.writeBooleanField("subject_checked", r.subjectChecked());
            g.writeStringField("matched_subject", v == null ? null : v.matchedSubject());
            Json.stringArray(g, "subjects", v == null ? java.util.List.of() : v.subjects());
            Json.stringArray(g, "failures", r.failures());
            g.writeEndObject();
        }
        out.write('\n');
    }
}
