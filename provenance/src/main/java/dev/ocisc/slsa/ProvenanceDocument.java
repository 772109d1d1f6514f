package dev.ocisc.slsa;

import dev.ocisc.dsse.Envelope;
import dev.ocisc.dsse.EnvelopeJson;
import dev.ocisc.dsse.Signer;
import dev.ocisc.dsse.SigningKey;
import dev.ocisc.dsse.SigstoreBundle;
import dev.ocisc.text.Noun;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A provenance statement in the form it is handed out: the bare statement (pretty JSON, unsigned), a DSSE envelope
 * on one line ({@code .intoto.jsonl}), or a Sigstore bundle v0.3. Signed when made; written as a stream, since for
 * a large closure the envelope is several megabytes and every whole copy of it is memory to clear first.
 */
public final class ProvenanceDocument {
    private final Statement statement;
    private final SigningKey key;
    private final byte[] unsigned;
    private final Envelope envelope;
    private final boolean bundle;

    private ProvenanceDocument(Statement statement, SigningKey key, boolean bundle) {
        this.statement = statement;
        this.key = key;
        this.bundle = bundle;
        this.unsigned = key == null ? StatementJson.write(statement, true) : null;
        this.envelope = key == null ? null
                : new Signer(key).sign(Envelope.IN_TOTO, StatementJson.write(statement, false));
    }

    /**
     * @param key    the signing key, or null for the bare statement
     * @param bundle with a key: a Sigstore bundle instead of the bare envelope
     */
    public static ProvenanceDocument of(Statement statement, SigningKey key, boolean bundle) {
        if (bundle && key == null) {
            throw new IllegalArgumentException("a bundle needs a signing key");
        }
        return new ProvenanceDocument(statement, key, bundle);
    }

    public void writeTo(OutputStream out) throws IOException {
        if (envelope == null) {
            out.write(unsigned);
        } else if (bundle) {
            SigstoreBundle.of(envelope).writeTo(out);
        } else {
            EnvelopeJson.write(envelope, out);
            out.write('\n');
        }
    }

    /** What was written, for a line on stderr: "2 subjects, 5 resolved dependencies, signed by KEYID". */
    public String summary() {
        return Noun.of("subject").count(statement.subjects().size()) + ", "
                + new Noun("resolved dependency", "resolved dependencies")
                        .count(statement.predicate().resolvedDependencies().size())
                + (key == null ? ", unsigned" : ", signed by " + key.keyid());
    }
}
