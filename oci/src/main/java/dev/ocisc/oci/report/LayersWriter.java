package dev.ocisc.oci.report;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a {@link LayerSharing} in one format. Output is a function of it alone: same images, same bytes. */
public interface LayersWriter {
    void write(LayerSharing layers, OutputStream out) throws IOException;

    static LayersWriter forFormat(LayersFormat format) {
        return switch (format) {
            case TEXT -> new LayersTextWriter();
            case JSON -> new LayersJsonWriter();
            case HTML -> new LayersHtmlWriter();
        };
    }
}
