package dev.ocisc.sbom.spdx;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ocisc.json.Json;
import dev.ocisc.sbom.Component;
import dev.ocisc.sbom.License;
import dev.ocisc.sbom.Sbom;
import dev.ocisc.sbom.SbomWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** SPDX 2.3 JSON, written directly (spdx-java-library needs gigabytes of heap for large graphs). */
public final class SpdxJsonWriter implements SbomWriter {
    @Override
    public void write(Sbom sbom, OutputStream out) throws IOException {
        Map<String, String> ids = Spdx.ids(sbom);
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            g.writeStringField("spdxVersion", "SPDX-2.3");
            g.writeStringField("dataLicense", "CC0-1.0");
            g.writeStringField("SPDXID", Spdx.DOCUMENT_ID);
            g.writeStringField("name", sbom.name());
            g.writeStringField("documentNamespace", Spdx.namespace(sbom));
            g.writeObjectFieldStart("creationInfo");
            g.writeStringField("created", Spdx.created(sbom));
            g.writeArrayFieldStart("creators");
            g.writeString("Tool: ocisc-" + sbom.toolVersion());
            g.writeEndArray();
            g.writeEndObject();
            g.writeArrayFieldStart("documentDescribes");
            for (String root : sbom.roots()) {
                g.writeString(ids.get(root));
            }
            g.writeEndArray();

            g.writeArrayFieldStart("packages");
            for (Component c : sbom.components()) {
                pkg(g, c, ids.get(c.ref()));
            }
            g.writeEndArray();

            Map<String, License.NamedLicense> extracted = Spdx.extracted(sbom);
            if (!extracted.isEmpty()) {
                g.writeArrayFieldStart("hasExtractedLicensingInfos");
                for (License.NamedLicense l : extracted.values()) {
                    g.writeStartObject();
                    g.writeStringField("licenseId", l.id());
                    g.writeStringField("extractedText", Spdx.extractedText(l));
                    g.writeStringField("name", l.name());
                    if (!l.urls().isEmpty()) {
                        g.writeArrayFieldStart("seeAlsos");
                        for (String u : l.urls()) {
                            g.writeString(u);
                        }
                        g.writeEndArray();
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }

            g.writeArrayFieldStart("relationships");
            for (String[] r : Spdx.relationships(sbom, ids)) {
                g.writeStartObject();
                g.writeStringField("spdxElementId", r[0]);
                g.writeStringField("relationshipType", r[1]);
                g.writeStringField("relatedSpdxElement", r[2]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void pkg(JsonGenerator g, Component c, String id) throws IOException {
        g.writeStartObject();
        g.writeStringField("SPDXID", id);
        g.writeStringField("name", c.name());
        Json.optional(g, "versionInfo", c.version());
        g.writeStringField("downloadLocation", Spdx.downloadLocation(c));
        g.writeBooleanField("filesAnalyzed", false);
        if (c.sha256() != null) {
            g.writeArrayFieldStart("checksums");
            g.writeStartObject();
            g.writeStringField("algorithm", "SHA256");
            g.writeStringField("checksumValue", c.sha256());
            g.writeEndObject();
            g.writeEndArray();
        }
        Json.optional(g, "homepage", c.homepage());
        Json.optional(g, "sourceInfo", c.sourceInfo());
        g.writeStringField("licenseConcluded", Spdx.NOASSERTION);
        g.writeStringField("licenseDeclared", Spdx.license(c));
        g.writeStringField("copyrightText", Spdx.NOASSERTION);
        Json.optional(g, "description", c.description());
        Json.optional(g, "comment", Spdx.comment(c));
        g.writeArrayFieldStart("externalRefs");
        if (c.purl() != null) {
            ref(g, "PACKAGE-MANAGER", "purl", c.purl());
        }
        if (c.cpe() != null) {
            ref(g, "SECURITY", "cpe23Type", c.cpe());
        }
        g.writeEndArray();
        g.writeStringField("primaryPackagePurpose", Spdx.purpose(c.type(), true));
        g.writeEndObject();
    }

    private static void ref(JsonGenerator g, String category, String type, String locator) throws IOException {
        g.writeStartObject();
        g.writeStringField("referenceCategory", category);
        g.writeStringField("referenceType", type);
        g.writeStringField("referenceLocator", locator);
        g.writeEndObject();
    }
}
