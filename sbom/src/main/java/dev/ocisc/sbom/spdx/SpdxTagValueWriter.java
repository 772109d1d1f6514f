package dev.ocisc.sbom.spdx;

import dev.ocisc.sbom.Component;
import dev.ocisc.sbom.License;
import dev.ocisc.sbom.Sbom;
import dev.ocisc.sbom.SbomWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** SPDX 2.3 tag-value. Multi-line and free-form values go inside {@code <text>...</text>}. */
public final class SpdxTagValueWriter implements SbomWriter {
    private Writer w;

    @Override
    public void write(Sbom sbom, OutputStream out) throws IOException {
        Map<String, String> ids = Spdx.ids(sbom);
        w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        tag("SPDXVersion", "SPDX-2.3");
        tag("DataLicense", "CC0-1.0");
        tag("SPDXID", Spdx.DOCUMENT_ID);
        tag("DocumentName", sbom.name());
        tag("DocumentNamespace", Spdx.namespace(sbom));
        tag("Creator", "Tool: ocisc-" + sbom.toolVersion());
        tag("Created", Spdx.created(sbom));
        for (Component c : sbom.components()) {
            w.write('\n');
            tag("PackageName", c.name());
            tag("SPDXID", ids.get(c.ref()));
            if (!c.version().isEmpty()) {
                tag("PackageVersion", c.version());
            }
            tag("PackageDownloadLocation", Spdx.downloadLocation(c));
            tag("FilesAnalyzed", "false");
            if (c.sha256() != null) {
                tag("PackageChecksum", "SHA256: " + c.sha256());
            }
            if (c.homepage() != null) {
                tag("PackageHomePage", c.homepage());
            }
            if (c.sourceInfo() != null) {
                text("PackageSourceInfo", c.sourceInfo());
            }
            tag("PackageLicenseConcluded", Spdx.NOASSERTION);
            tag("PackageLicenseDeclared", Spdx.license(c));
            tag("PackageCopyrightText", Spdx.NOASSERTION);
            if (c.description() != null) {
                text("PackageDescription", c.description());
            }
            String comment = Spdx.comment(c);
            if (!comment.isEmpty()) {
                text("PackageComment", comment);
            }
            if (c.purl() != null) {
                tag("ExternalRef", "PACKAGE-MANAGER purl " + c.purl());
            }
            if (c.cpe() != null) {
                tag("ExternalRef", "SECURITY cpe23Type " + c.cpe());
            }
            tag("PrimaryPackagePurpose", Spdx.purpose(c.type(), false));
        }
        Map<String, License.NamedLicense> extracted = Spdx.extracted(sbom);
        for (License.NamedLicense l : extracted.values()) {
            w.write('\n');
            tag("LicenseID", l.id());
            text("ExtractedText", Spdx.extractedText(l));
            tag("LicenseName", l.name());
            for (String u : l.urls()) {
                tag("LicenseCrossReference", u);
            }
        }
        w.write('\n');
        for (String[] r : Spdx.relationships(sbom, ids)) {
            tag("Relationship", r[0] + " " + r[1] + " " + r[2]);
        }
        w.flush();
    }

    private void tag(String tag, String value) throws IOException {
        if (value.indexOf('\n') >= 0) {
            text(tag, value);
            return;
        }
        w.write(tag + ": " + value + "\n");
    }

    private void text(String tag, String value) throws IOException {
        // A literal </text> would end the block early; the format has no escape for it.
        w.write(tag + ": <text>" + value.replace("</text>", "< /text>") + "</text>\n");
    }
}
