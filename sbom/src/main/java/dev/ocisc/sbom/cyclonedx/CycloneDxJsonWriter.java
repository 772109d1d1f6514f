package dev.ocisc.sbom.cyclonedx;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import dev.ocisc.json.Json;
import dev.ocisc.sbom.Component;
import dev.ocisc.sbom.License;
import dev.ocisc.sbom.Relationship;
import dev.ocisc.sbom.Sbom;
import dev.ocisc.sbom.SbomWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** CycloneDX 1.6 JSON. */
public final class CycloneDxJsonWriter implements SbomWriter {
    // What every component and dependency repeats, encoded once.
    private static final SerializableString TYPE = Json.constant("type");
    private static final SerializableString BOM_REF = Json.constant("bom-ref");
    private static final SerializableString NAME = Json.constant("name");
    private static final SerializableString VERSION = Json.constant("version");
    private static final SerializableString DESCRIPTION = Json.constant("description");
    private static final SerializableString SCOPE = Json.constant("scope");
    private static final SerializableString HASHES = Json.constant("hashes");
    private static final SerializableString ALG = Json.constant("alg");
    private static final SerializableString SHA_256 = Json.constant("SHA-256");
    private static final SerializableString CONTENT = Json.constant("content");
    private static final SerializableString CPE = Json.constant("cpe");
    private static final SerializableString PURL = Json.constant("purl");
    private static final SerializableString PROPERTIES = Json.constant("properties");
    private static final SerializableString VALUE = Json.constant("value");
    private static final SerializableString REF = Json.constant("ref");
    private static final SerializableString DEPENDS_ON = Json.constant("dependsOn");
    private static final java.util.Map<Component.Type, SerializableString> TYPES = new java.util.EnumMap<>(
            Component.Type.class);

    static {
        for (Component.Type t : Component.Type.values()) {
            TYPES.put(t, Json.constant(CycloneDx.type(t)));
        }
    }

    /** Property names: a handful of distinct ones, each in most components. */
    private final java.util.Map<String, SerializableString> propertyNames = new java.util.HashMap<>();

    @Override
    public void write(Sbom sbom, OutputStream out) throws IOException {
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            g.writeStringField("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
            g.writeStringField("bomFormat", "CycloneDX");
            g.writeStringField("specVersion", CycloneDx.SPEC_VERSION);
            g.writeStringField("serialNumber", "urn:uuid:" + sbom.serial());
            g.writeNumberField("version", 1);

            g.writeObjectFieldStart("metadata");
            if (sbom.created() != null) {
                g.writeStringField("timestamp", CycloneDx.timestamp(sbom.created()));
            }
            g.writeArrayFieldStart("lifecycles");
            g.writeStartObject();
            g.writeStringField("phase", sbom.lifecycle());
            g.writeEndObject();
            g.writeEndArray();
            g.writeObjectFieldStart("tools");
            g.writeArrayFieldStart("components");
            g.writeStartObject();
            g.writeStringField("type", "application");
            g.writeStringField("name", "ocisc");
            g.writeStringField("version", sbom.toolVersion());
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeFieldName("component");
            component(g, sbom.component(sbom.roots().get(0)));
            g.writeEndObject();

            g.writeArrayFieldStart("components");
            for (Component c : sbom.components()) {
                if (!c.ref().equals(sbom.roots().get(0))) {
                    component(g, c);
                }
            }
            g.writeEndArray();

            g.writeArrayFieldStart("dependencies");
            for (Map.Entry<String, List<Relationship>> d : sbom.dependencies().entrySet()) {
                g.writeStartObject();
                Json.field(g, REF, d.getKey());
                g.writeFieldName(DEPENDS_ON);
                g.writeStartArray();
                LinkedHashSet<String> targets = new LinkedHashSet<>();
                d.getValue().forEach(r -> targets.add(r.to()));
                for (String t : targets) {
                    g.writeString(t);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private void component(JsonGenerator g, Component c) throws IOException {
        g.writeStartObject();
        Json.field(g, TYPE, TYPES.get(c.type()));
        Json.field(g, BOM_REF, c.ref());
        Json.field(g, NAME, c.name());
        Json.optional(g, VERSION, c.version());
        Json.optional(g, DESCRIPTION, c.description());
        Json.optional(g, SCOPE, CycloneDx.scope(c));
        if (c.sha256() != null) {
            g.writeFieldName(HASHES);
            g.writeStartArray();
            g.writeStartObject();
            Json.field(g, ALG, SHA_256);
            Json.field(g, CONTENT, c.sha256());
            g.writeEndObject();
            g.writeEndArray();
        }
        if (c.license() != null) {
            license(g, c.license());
        }
        Json.optional(g, CPE, c.cpe());
        Json.optional(g, PURL, c.purl());
        if (!c.downloadUrls().isEmpty() || c.homepage() != null) {
            g.writeArrayFieldStart("externalReferences");
            for (String url : c.downloadUrls()) {
                reference(g, "distribution", url, c.downloadHash());
            }
            if (c.homepage() != null) {
                reference(g, "website", c.homepage(), null);
            }
            g.writeEndArray();
        }
        if (!c.properties().isEmpty()) {
            g.writeFieldName(PROPERTIES);
            g.writeStartArray();
            for (Map.Entry<String, String> p : c.properties().entrySet()) {
                g.writeStartObject();
                Json.field(g, NAME, propertyNames.computeIfAbsent(p.getKey(), Json::constant));
                Json.field(g, VALUE, p.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void reference(JsonGenerator g, String type, String url, Component.Hash hash) throws IOException {
        g.writeStartObject();
        g.writeStringField("url", url);
        g.writeStringField("type", type);
        if (hash != null) {
            g.writeArrayFieldStart("hashes");
            g.writeStartObject();
            g.writeStringField("alg", hash.algorithm());
            g.writeStringField("content", hash.hex());
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** A named license as a license object; everything else as an expression, valid whatever the SPDX id. */
    private static void license(JsonGenerator g, License l) throws IOException {
        g.writeArrayFieldStart("licenses");
        g.writeStartObject();
        if (l.isNamedOnly()) {
            License.NamedLicense n = l.named().get(l.expression());
            g.writeObjectFieldStart("license");
            g.writeStringField("name", n.name());
            if (!n.urls().isEmpty()) {
                g.writeStringField("url", n.urls().get(0));
            }
            g.writeEndObject();
        } else {
            g.writeStringField("expression", l.expression());
        }
        g.writeEndObject();
        g.writeEndArray();
    }
}
