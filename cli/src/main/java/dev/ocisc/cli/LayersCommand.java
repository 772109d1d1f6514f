package dev.ocisc.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ocisc.json.Json;
import dev.ocisc.oci.Image;
import dev.ocisc.oci.ImageReader;
import dev.ocisc.oci.Layer;
import dev.ocisc.oci.LayerRead;
import dev.ocisc.oci.LayerSummarizer;
import dev.ocisc.oci.LayerSummary;
import dev.ocisc.oci.ScannedImage;
import dev.ocisc.target.Target;
import dev.ocisc.text.Noun;
import dev.ocisc.text.ReportText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "layers", mixinStandardHelpOptions = true,
        description = "Show each layer of one or more images (size, DiffID, what it holds: the store paths of a "
                + "Nix layer) and which layers the images share, with the bytes sharing saves.")
final class LayersCommand implements Callable<Integer> {
    enum Style { text, json }

    private static final Noun BYTE = Noun.of("byte");
    private static final Noun BLOB = Noun.of("layer blob");

    @Parameters(arity = "1..*", paramLabel = "IMAGE",
            description = "OCI layout directory, oci-archive, docker-archive, or Nix's .tar.gz / .tar.zst.")
    List<Path> images;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json.")
    Style format;

    @Mixin
    ImageOptions imageOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** One layer of one image. */
    private record Row(int image, LayerRead<LayerSummary> read, Layer layer) {
    }

    @Override
    public Integer call() {
        List<ScannedImage<LayerSummary>> scanned = new ArrayList<>();
        for (Path p : images) {
            Path image = Wanted.image("layers", Target.of(p.toString(), null)).path();
            scanned.add(ImageReader.read(image, imageOptions.readOptions(), LayerSummarizer::new));
        }
        // Layers are the same content when their DiffIDs are; compression may still differ between images.
        Map<String, List<Row>> byDiffId = new TreeMap<>();
        for (int i = 0; i < scanned.size(); i++) {
            ScannedImage<LayerSummary> s = scanned.get(i);
            for (int j = 0; j < s.layers().size(); j++) {
                byDiffId.computeIfAbsent(s.layers().get(j).diffId().toString(), k -> new ArrayList<>())
                        .add(new Row(i, s.layers().get(j), s.image().layers().get(j)));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == Style.json) {
            out.print(json(scanned, byDiffId));
        } else {
            out.print(text(scanned, byDiffId));
        }
        out.flush();
        return ExitCode.OK;
    }

    private static long saved(List<Row> rows) {
        long min = rows.stream().mapToLong(r -> r.read().blobSize()).min().orElse(0);
        return rows.size() <= 1 ? 0 : min * (rows.size() - 1);
    }

    private static String describe(LayerSummary s) {
        if (!s.storePaths().isEmpty()) {
            return String.join(" ", s.storePaths());
        }
        return s.topLevel().isEmpty() ? "(empty)" : String.join(", ", s.topLevel().stream().map(t -> "/" + t).toList());
    }

    private String text(List<ScannedImage<LayerSummary>> scanned, Map<String, List<Row>> byDiffId) {
        StringBuilder b = new StringBuilder();
        long stored = 0;
        long total = 0;
        for (int i = 0; i < scanned.size(); i++) {
            Image img = scanned.get(i).image();
            b.append(String.format("%s  (%s%s)%n", ReportText.line(img.source()), img.form().cliName(),
                    img.archiveCompression() == dev.ocisc.oci.Compression.NONE ? ""
                            : ", whole archive " + img.archiveCompression().name().toLowerCase()));
            b.append(String.format("  %s %s%n", img.hasManifest() ? "manifest" : "image id", img.manifestDigest()));
            if (img.name() != null) {
                b.append("  name     ").append(ReportText.line(img.name())).append('\n');
            }
            b.append(String.format("  %-3s %-19s %10s %-19s %12s %7s  %s%n", "#", "BLOB", "SIZE", "DIFFID",
                    "UNCOMPRESSED", "FILES", "CONTENTS"));
            List<LayerRead<LayerSummary>> layers = scanned.get(i).layers();
            for (int j = 0; j < layers.size(); j++) {
                LayerRead<LayerSummary> l = layers.get(j);
                int shared = byDiffId.get(l.diffId().toString()).size();
                b.append(String.format("  %-3d %-19s %10d %-19s %12d %7d  %s%s%n", j, shortDigest(l.blobDigest()),
                        l.blobSize(), shortDigest(l.diffId()), l.uncompressedSize(), l.result().files(),
                        ReportText.line(describe(l.result())), shared > 1 ? "  [shared x" + shared + "]" : ""));
                total += l.blobSize();
            }
        }
        long savedAll = 0;
        StringBuilder sharedLines = new StringBuilder();
        for (Map.Entry<String, List<Row>> e : byDiffId.entrySet()) {
            List<Row> rows = e.getValue();
            stored += rows.get(0).read().blobSize();
            if (rows.size() > 1) {
                long s = saved(rows);
                savedAll += s;
                List<String> where = rows.stream().map(r -> "#" + (r.image() + 1) + " layer " + r.layer().index())
                        .toList();
                sharedLines.append(String.format("  %s  %s  saves %s%n", e.getKey(), String.join(", ", where),
                        BYTE.count(s)));
            }
        }
        b.append('\n').append("shared layers (by DiffID):").append('\n');
        b.append(sharedLines.length() == 0 ? "  none\n" : sharedLines.toString());
        b.append(String.format("total %s in %s; sharing saves %s%n", BYTE.count(total),
                BLOB.count(byDiffId.values().stream().mapToInt(List::size).sum()), BYTE.count(savedAll)));
        return b.toString();
    }

    private static String shortDigest(dev.ocisc.oci.Digest d) {
        return d.algorithm() + ":" + d.shortHex();
    }

    private String json(List<ScannedImage<LayerSummary>> scanned, Map<String, List<Row>> byDiffId) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.generator(buf)) {
            g.writeStartObject();
            g.writeArrayFieldStart("images");
            for (ScannedImage<LayerSummary> s : scanned) {
                Image img = s.image();
                g.writeStartObject();
                g.writeStringField("source", img.source());
                g.writeStringField("form", img.form().cliName());
                g.writeStringField("archiveCompression", img.archiveCompression().name().toLowerCase());
                Json.optional(g, "name", img.name());
                if (img.hasManifest()) {
                    g.writeStringField("manifestDigest", img.manifestDigest().toString());
                }
                g.writeStringField("configDigest", img.configDigest().toString());
                g.writeArrayFieldStart("layers");
                for (int j = 0; j < s.layers().size(); j++) {
                    LayerRead<LayerSummary> l = s.layers().get(j);
                    g.writeStartObject();
                    g.writeNumberField("index", j);
                    g.writeStringField("mediaType", img.layers().get(j).mediaType());
                    g.writeStringField("digest", l.blobDigest().toString());
                    g.writeNumberField("size", l.blobSize());
                    g.writeStringField("compression", l.compression().name().toLowerCase());
                    g.writeStringField("diffId", l.diffId().toString());
                    g.writeNumberField("uncompressedSize", l.uncompressedSize());
                    g.writeNumberField("entries", l.result().entries());
                    g.writeNumberField("files", l.result().files());
                    g.writeNumberField("fileBytes", l.result().fileBytes());
                    g.writeNumberField("whiteouts", l.result().whiteouts());
                    g.writeArrayFieldStart("storePaths");
                    for (String p : l.result().storePaths()) {
                        g.writeString(p);
                    }
                    g.writeEndArray();
                    g.writeArrayFieldStart("topLevel");
                    for (String p : l.result().topLevel()) {
                        g.writeString(p);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("shared");
            long savedAll = 0;
            for (Map.Entry<String, List<Row>> e : byDiffId.entrySet()) {
                if (e.getValue().size() < 2) {
                    continue;
                }
                long saved = saved(e.getValue());
                savedAll += saved;
                g.writeStartObject();
                g.writeStringField("diffId", e.getKey());
                g.writeArrayFieldStart("in");
                for (Row r : e.getValue()) {
                    g.writeStartObject();
                    g.writeNumberField("image", r.image());
                    g.writeNumberField("layer", r.layer().index());
                    g.writeStringField("digest", r.read().blobDigest().toString());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeNumberField("savedBytes", saved);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("savedBytes", savedAll);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toString(StandardCharsets.UTF_8) + "\n";
    }
}
