package dev.ocisc.sbom.spdx;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
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
    // What every package and relationship repeats, encoded once.
    private static final SerializableString SPDXID = Json.constant("SPDXID");
    private static final SerializableString NAME = Json.constant("name");
    private static final SerializableString VERSION_INFO = Json.constant("versionInfo");
    private static final SerializableString DOWNLOAD_LOCATION = Json.constant("downloadLocation");
    private static final SerializableString FILES_ANALYZED = Json.constant("filesAnalyzed");
    private static final SerializableString CHECKSUMS = Json.constant("checksums");
    private static final SerializableString ALGORITHM = Json.constant("algorithm");
    private static final SerializableString SHA256 = Json.constant("SHA256");
    private static final SerializableString CHECKSUM_VALUE = Json.constant("checksumValue");
    private static final SerializableString HOMEPAGE = Json.constant("homepage");
    private static final SerializableString SOURCE_INFO = Json.constant("sourceInfo");
    private static final SerializableString LICENSE_CONCLUDED = Json.constant("licenseConcluded");
    private static final SerializableString LICENSE_DECLARED = Json.constant("licenseDeclared");
    private static final SerializableString COPYRIGHT_TEXT = Json.constant("copyrightText");
    private static final SerializableString NOASSERTION = Json.constant(Spdx.NOASSERTION);
    private static final SerializableString DESCRIPTION = Json.constant("description");
    private static final SerializableString COMMENT = Json.constant("comment");
    private static final SerializableString EXTERNAL_REFS = Json.constant("externalRefs");
    private static final SerializableString PRIMARY_PACKAGE_PURPOSE = Json.constant("primaryPackagePurpose");
    private static final SerializableString REFERENCE_CATEGORY = Json.constant("referenceCategory");
    private static final SerializableString REFERENCE_TYPE = Json.constant("referenceType");
    private static final SerializableString REFERENCE_LOCATOR = Json.constant("referenceLocator");
    private static final SerializableString PACKAGE_MANAGER = Json.constant("PACKAGE-MANAGER");
    private static final SerializableString PURL = Json.constant("purl");
    private static final SerializableString SECURITY = Json.constant("SECURITY");
    private static final SerializableString CPE23TYPE = Json.constant("cpe23Type");
    private static final SerializableString SPDX_ELEMENT_ID = Json.constant("spdxElementId");
    private static final SerializableString RELATIONSHIP_TYPE = Json.constant("relationshipType");
    private static final SerializableString RELATED_SPDX_ELEMENT = Json.constant("relatedSpdxElement");

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
                Json.field(g, SPDX_ELEMENT_ID, r[0]);
                Json.field(g, RELATIONSHIP_TYPE, r[1]);
                Json.field(g, RELATED_SPDX_ELEMENT, r[2]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void pkg(JsonGenerator g, Component c, String id) throws IOException {
        g.writeStartObject();
        Json.field(g, SPDXID, id);
        Json.field(g, NAME, c.name());
        Json.optional(g, VERSION_INFO, c.version());
        Json.field(g, DOWNLOAD_LOCATION, Spdx.downloadLocation(c));
        g.writeFieldName(FILES_ANALYZED);
        g.writeBoolean(false);
        if (c.sha256() != null) {
            g.writeFieldName(CHECKSUMS);
            g.writeStartArray();
            g.writeStartObject();
            Json.field(g, ALGORITHM, SHA256);
            Json.field(g, CHECKSUM_VALUE, c.sha256());
            g.writeEndObject();
            g.writeEndArray();
        }
        Json.optional(g, HOMEPAGE, c.homepage());
        Json.optional(g, SOURCE_INFO, c.sourceInfo());
        Json.field(g, LICENSE_CONCLUDED, NOASSERTION);
        Json.field(g, LICENSE_DECLARED, Spdx.license(c));
        Json.field(g, COPYRIGHT_TEXT, NOASSERTION);
        Json.optional(g, DESCRIPTION, c.description());
        Json.optional(g, COMMENT, Spdx.comment(c));
        g.writeFieldName(EXTERNAL_REFS);
        g.writeStartArray();
        if (c.purl() != null) {
            ref(g, PACKAGE_MANAGER, PURL, c.purl());
        }
        if (c.cpe() != null) {
            ref(g, SECURITY, CPE23TYPE, c.cpe());
        }
        g.writeEndArray();
        Json.field(g, PRIMARY_PACKAGE_PURPOSE, Spdx.purpose(c.type(), true));
        g.writeEndObject();
    }

    private static void ref(JsonGenerator g, SerializableString category, SerializableString type, String locator)
            throws IOException {
        g.writeStartObject();
        Json.field(g, REFERENCE_CATEGORY, category);
        Json.field(g, REFERENCE_TYPE, type);
        Json.field(g, REFERENCE_LOCATOR, locator);
        g.writeEndObject();
    }
}
