package dev.ocisc.oci.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.oci.ImageReader;
import dev.ocisc.oci.LayerSummarizer;
import dev.ocisc.oci.LayerSummary;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.oci.ScannedImage;
import dev.ocisc.oci.TestLayouts;
import dev.ocisc.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layers reports on the fixture images: two Nix images, one built on the other, share layers. */
class LayersWritersTest {
    static ScannedImage<LayerSummary> read(Path p) {
        return ImageReader.read(p, ReadOptions.defaults(), LayerSummarizer::new);
    }

    static LayerSharing greeters() {
        return LayerSharing.of(List.of(read(TestData.path("oci/nix-greeter.tar.gz")),
                read(TestData.path("oci/nix-greeter-db.tar.zst"))));
    }

    static String write(LayersFormat format, LayerSharing s) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        LayersWriter.forFormat(format).write(s, buf);
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void formatsAreNamedAsTheCommandLineNamesThem() {
        assertEquals(List.of("text", "json", "html"), Stream.of(LayersFormat.values()).map(Object::toString).toList());
        assertInstanceOf(LayersTextWriter.class, LayersWriter.forFormat(LayersFormat.TEXT));
        assertInstanceOf(LayersJsonWriter.class, LayersWriter.forFormat(LayersFormat.JSON));
        assertInstanceOf(LayersHtmlWriter.class, LayersWriter.forFormat(LayersFormat.HTML));
    }

    @Test
    void htmlBytesAreReadableAndTheExactCountIsKept() throws IOException {
        assertEquals(List.of("0 B", "1023 B", "1.0 KiB", "20 KiB", "1.5 MiB", "10 GiB"),
                Stream.of(0L, 1023L, 1024L, 20480L, 1572864L, 10L << 30).map(LayersHtmlWriter::bytes).toList());
        String html = write(LayersFormat.HTML, greeters());
        long saved = new ObjectMapper().readTree(write(LayersFormat.JSON, greeters())).get("saved_bytes").asLong();
        assertTrue(html.contains("<div class=\"card\" id=\"saved\"><span class=\"n pass\">"
                + LayersHtmlWriter.bytes(saved) + "</span>saved by sharing <span class=\"muted\" title=\"" + saved
                + " bytes\">"), html);
        assertEquals(html, write(LayersFormat.HTML, greeters()), "same images, same page");
    }

    @Test
    void sharingGroupsLayersByDiffIdAndCountsTheBytesSaved() {
        LayerSharing s = greeters();
        assertEquals(2, s.images().size());
        List<List<LayerSharing.Use>> shared = s.byDiffId().values().stream().filter(u -> u.size() > 1).toList();
        assertTrue(!shared.isEmpty());
        for (List<LayerSharing.Use> uses : shared) {
            assertEquals(List.of(0, 1), uses.stream().map(LayerSharing.Use::image).toList());
            long min = Math.min(uses.get(0).read().blobSize(), uses.get(1).read().blobSize());
            assertEquals(min, LayerSharing.saved(uses));
            assertEquals(0, LayerSharing.saved(uses.subList(0, 1)));
        }
    }

    @Test
    void jsonSavedBytesAreTheSumOfEachSharedLayers() throws IOException {
        String json = write(LayersFormat.JSON, greeters());
        assertTrue(json.endsWith("}\n") && !json.endsWith("\n\n"), json);
        JsonNode j = new ObjectMapper().readTree(json);
        assertEquals(2, j.get("images").size());
        assertEquals("gzip", j.get("images").get(0).get("archive_compression").asText());
        assertEquals("zstd", j.get("images").get(1).get("archive_compression").asText());
        long sum = 0;
        for (JsonNode shared : j.get("shared")) {
            assertEquals(2, shared.get("in").size());
            sum += shared.get("saved_bytes").asLong();
        }
        assertTrue(sum > 0);
        assertEquals(sum, j.get("saved_bytes").asLong());
        JsonNode layer = j.get("images").get(0).get("layers").get(0);
        assertTrue(layer.get("store_paths").get(0).asText().startsWith("/nix/store/"), layer::toString);
    }

    @Test
    void textMarksSharedLayersAndSumsUp() throws IOException {
        LayerSharing s = greeters();
        String text = write(LayersFormat.TEXT, s);
        int blobs = s.byDiffId().values().stream().mapToInt(List::size).sum();
        assertTrue(text.contains("[shared x2]"), text);
        assertTrue(text.contains("\nshared layers (by DiffID):\n  sha256:"), text);
        assertTrue(text.contains(" in " + blobs + " layer blobs; sharing saves "), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("  #   BLOB ")), text);
    }

    @Test
    void oneLayerAloneSharesNothing() throws IOException {
        String text = write(LayersFormat.TEXT, LayerSharing.of(List.of(read(TestData.path("oci/alpine")))));
        assertTrue(text.contains("\nshared layers (by DiffID):\n  none\n"), text);
        assertTrue(text.endsWith(" in 1 layer blob; sharing saves 0 bytes\n"), text);
    }

    @Test
    void aControlCharacterInTheSourceIsEscapedInTextAndKeptInJson(@TempDir Path tmp) throws IOException {
        Path evil = TestLayouts.copy(TestData.path("oci/alpine"), tmp.resolve("img\u001b[31m"));
        LayerSharing s = LayerSharing.of(List.of(read(evil)));
        assertTrue(write(LayersFormat.TEXT, s).startsWith(tmp + "/img\\x1b[31m  (oci-layout)\n"),
                write(LayersFormat.TEXT, s));
        assertEquals(evil.toString(), new ObjectMapper().readTree(write(LayersFormat.JSON, s))
                .get("images").get(0).get("source").asText());
    }

    @Test
    void aNixSnapshotterLayerShowsTheStorePathsItsAnnotationsName() throws IOException {
        LayerSharing s = LayerSharing.of(List.of(read(TestData.path("oci/nix-snapshotter"))));
        List<String> closure = dev.ocisc.oci.TestDataTruth.runtimeClosure();
        String text = write(LayersFormat.TEXT, s);
        String row = text.lines().filter(l -> l.startsWith("  0 ")).findFirst().orElseThrow();
        assertTrue(row.endsWith("nix-snapshotter: store paths not shipped in the layer (nix-snapshotter mounts them "
                + "from the host's Nix store): " + String.join(" ", closure)), row);
        JsonNode layer = new ObjectMapper().readTree(write(LayersFormat.JSON, s)).get("images").get(0).get("layers")
                .get(0);
        assertEquals(false, layer.get("nix_snapshotter").get("shipped").asBoolean(true));
        assertEquals(closure, new ObjectMapper().convertValue(layer.get("nix_snapshotter").get("store_paths"),
                List.class));
        assertEquals(0, layer.get("nix_snapshotter").get("problems").size());
    }
}
