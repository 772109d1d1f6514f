package dev.ocisc.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;

/**
 * A line end and two spaces per level, as Jackson's {@code DefaultIndenter("  ", "\n")} writes them, but each
 * indentation as one copy of prepared bytes: its indenter re-encodes every space and newline one character at a
 * time, and a third of a pretty-printed SBOM is indentation.
 */
final class LineIndenter implements DefaultPrettyPrinter.Indenter {
    static final LineIndenter INSTANCE = new LineIndenter();
    private static final int PREPARED = 32;
    private final SerializableString[] lines = new SerializableString[PREPARED];

    private LineIndenter() {
        for (int level = 0; level < PREPARED; level++) {
            lines[level] = new SerializedString("\n" + "  ".repeat(level));
        }
    }

    @Override
    public void writeIndentation(JsonGenerator g, int level) throws IOException {
        if (level < PREPARED) {
            g.writeRaw(lines[level]);
            return;
        }
        g.writeRaw(lines[PREPARED - 1]);
        for (int deeper = level - (PREPARED - 1); deeper > 0; deeper--) {
            g.writeRaw("  ");
        }
    }

    @Override
    public boolean isInline() {
        return false;
    }
}
