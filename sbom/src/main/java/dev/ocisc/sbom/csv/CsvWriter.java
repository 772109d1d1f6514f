package dev.ocisc.sbom.csv;

import dev.ocisc.sbom.Component;
import dev.ocisc.sbom.Relationship;
import dev.ocisc.sbom.Sbom;
import dev.ocisc.sbom.SbomWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** One row per component (RFC 4180: CRLF line ends, quotes doubled), for spreadsheets and quick greps. */
public final class CsvWriter implements SbomWriter {
    private static final List<String> HEADER = List.of("ref", "name", "version", "type", "output", "purl", "cpe",
            "sha256", "license", "build_only", "drv_path", "download_urls", "depends_on");

    @Override
    public void write(Sbom sbom, OutputStream out) throws IOException {
        // Buffered before the encoder: it is slow per call, and a row is a dozen calls.
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        row(w, HEADER);
        Map<String, List<Relationship>> deps = sbom.dependencies();
        for (Component c : sbom.components()) {
            row(w, List.of(
                    c.ref(), c.name(), c.version(), c.type().name().toLowerCase(java.util.Locale.ROOT),
                    c.properties().getOrDefault("nix:output", ""),
                    orEmpty(c.purl()), orEmpty(c.cpe()), orEmpty(c.sha256()),
                    c.license() == null ? "" : c.license().expression(),
                    c.buildOnly() == null ? "" : c.buildOnly().toString(),
                    c.properties().getOrDefault("nix:drv_path", ""),
                    String.join(" ", c.downloadUrls()),
                    targets(deps.get(c.ref()))));
        }
        w.flush();
    }

    /** The targets of {@code rels}, space-separated. */
    private static String targets(List<Relationship> rels) {
        StringBuilder b = new StringBuilder();
        for (Relationship r : rels) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(r.to());
        }
        return b.toString();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static void row(Writer w, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            String c = cells.get(i);
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                w.write('"' + c.replace("\"", "\"\"") + '"');
            } else {
                w.write(c);
            }
        }
        w.write("\r\n");
    }
}
