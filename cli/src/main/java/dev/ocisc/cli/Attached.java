package dev.ocisc.cli;

import dev.ocisc.oci.ImageReference;
import dev.ocisc.oci.Referrers;
import dev.ocisc.text.ReportText;

/** The line {@code sbom --attach} and {@code attest attach} print: what was pushed where. */
final class Attached {
    private Attached() {
    }

    static String line(ImageReference image, Referrers.Attached a, String artifactType) {
        String repo = image.registry() + "/" + image.repository();
        return ReportText.line((a.added() ? "attached " : "already attached ") + artifactType + " to " + repo + "@"
                + a.subject().digest() + " as " + repo + "@" + a.manifest() + " (" + a.via() + ")"
                + (a.cosignTag() == null ? "" : "; cosign tag " + a.cosignTag()));
    }
}
