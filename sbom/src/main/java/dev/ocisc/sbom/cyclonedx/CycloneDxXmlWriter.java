package dev.ocisc.sbom.cyclonedx;

import dev.ocisc.sbom.Component;
import dev.ocisc.sbom.License;
import dev.ocisc.sbom.Relationship;
import dev.ocisc.sbom.Sbom;
import dev.ocisc.sbom.SbomWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** CycloneDX 1.6 XML, elements in the order the schema's sequences require. */
public final class CycloneDxXmlWriter implements SbomWriter {
    private XMLStreamWriter x;
    private int depth;

    @Override
    public void write(Sbom sbom, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try {
            x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
            x.writeStartDocument("UTF-8", "1.0");
            start("bom");
            x.writeDefaultNamespace(CycloneDx.XML_NAMESPACE);
            x.writeAttribute("serialNumber", "urn:uuid:" + sbom.serial());
            x.writeAttribute("version", "1");

            start("metadata");
            if (sbom.created() != null) {
                leaf("timestamp", CycloneDx.timestamp(sbom.created()));
            }
            start("lifecycles");
            start("lifecycle");
            leaf("phase", sbom.lifecycle());
            end();
            end();
            start("tools");
            start("components");
            start("component");
            x.writeAttribute("type", "application");
            leaf("name", "ocisc");
            leaf("version", sbom.toolVersion());
            end();
            end();
            end();
            component(sbom.component(sbom.roots().get(0)));
            end();

            start("components");
            for (Component c : sbom.components()) {
                if (!c.ref().equals(sbom.roots().get(0))) {
                    component(c);
                }
            }
            end();

            start("dependencies");
            for (Map.Entry<String, List<Relationship>> d : sbom.dependencies().entrySet()) {
                start("dependency");
                x.writeAttribute("ref", d.getKey());
                LinkedHashSet<String> targets = new LinkedHashSet<>();
                d.getValue().forEach(r -> targets.add(r.to()));
                for (String t : targets) {
                    newline();
                    x.writeEmptyElement("dependency");
                    x.writeAttribute("ref", t);
                }
                end();
            }
            end();
            end();
            x.writeEndDocument();
            x.flush();
            w.write('\n');
            w.flush();
        } catch (XMLStreamException e) {
            throw new IOException("writing CycloneDX XML: " + e.getMessage(), e);
        }
    }

    private void component(Component c) throws XMLStreamException {
        start("component");
        x.writeAttribute("type", CycloneDx.type(c.type()));
        x.writeAttribute("bom-ref", c.ref());
        leaf("name", c.name());
        if (!c.version().isEmpty()) {
            leaf("version", c.version());
        }
        if (c.description() != null) {
            leaf("description", c.description());
        }
        if (CycloneDx.scope(c) != null) {
            leaf("scope", CycloneDx.scope(c));
        }
        if (c.sha256() != null) {
            start("hashes");
            start("hash");
            x.writeAttribute("alg", "SHA-256");
            x.writeCharacters(c.sha256());
            x.writeEndElement();
            depth--;
            end();
        }
        if (c.license() != null) {
            license(c.license());
        }
        if (c.cpe() != null) {
            leaf("cpe", c.cpe());
        }
        if (c.purl() != null) {
            leaf("purl", c.purl());
        }
        if (!c.downloadUrls().isEmpty() || c.homepage() != null) {
            start("externalReferences");
            for (String url : c.downloadUrls()) {
                reference("distribution", url, c.downloadHash());
            }
            if (c.homepage() != null) {
                reference("website", c.homepage(), null);
            }
            end();
        }
        if (!c.properties().isEmpty()) {
            start("properties");
            for (Map.Entry<String, String> p : c.properties().entrySet()) {
                start("property");
                x.writeAttribute("name", p.getKey());
                x.writeCharacters(p.getValue());
                x.writeEndElement();
                depth--;
            }
            end();
        }
        end();
    }

    private void reference(String type, String url, Component.Hash hash) throws XMLStreamException {
        start("reference");
        x.writeAttribute("type", type);
        leaf("url", url);
        if (hash != null) {
            start("hashes");
            start("hash");
            x.writeAttribute("alg", hash.algorithm());
            x.writeCharacters(hash.hex());
            x.writeEndElement();
            depth--;
            end();
        }
        end();
    }

    private void license(License l) throws XMLStreamException {
        start("licenses");
        if (l.isNamedOnly()) {
            License.NamedLicense n = l.named().get(l.expression());
            start("license");
            leaf("name", n.name());
            if (!n.urls().isEmpty()) {
                leaf("url", n.urls().get(0));
            }
            end();
        } else {
            leaf("expression", l.expression());
        }
        end();
    }

    private void newline() throws XMLStreamException {
        x.writeCharacters("\n" + "  ".repeat(depth));
    }

    private void start(String name) throws XMLStreamException {
        newline();
        x.writeStartElement(name);
        depth++;
    }

    /** Closes the current element on a line of its own. */
    private void end() throws XMLStreamException {
        depth--;
        newline();
        x.writeEndElement();
    }

    private void leaf(String name, String text) throws XMLStreamException {
        newline();
        x.writeStartElement(name);
        x.writeCharacters(text);
        x.writeEndElement();
    }
}
