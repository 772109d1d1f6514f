package dev.ocisc.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;

/** The one JSON style of ocisc's documents: two-space indent, LF line ends on every platform, final newline. */
public final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    public static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        DefaultPrettyPrinter.Indenter indent = LineIndenter.INSTANCE;
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                .withObjectIndenter(indent)
                .withArrayIndenter(indent)
                .withSeparators(com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER));
        g.setPrettyPrinter(pp);
        return g;
    }

    /** Writes {@code name: [values...]}, in their order. */
    public static void stringArray(JsonGenerator g, String name, Iterable<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** Writes {@code name: value} unless the value is null or empty. */
    public static void optional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            g.writeStringField(name, value);
        }
    }

    /**
     * A field name or value that a writer repeats thousands of times (once per component of an SBOM), encoded
     * once: each write copies its prepared bytes instead of escaping and encoding it character by character.
     */
    public static SerializableString constant(String s) {
        return new SerializedString(s);
    }

    /** Writes {@code name: value}. */
    public static void field(JsonGenerator g, SerializableString name, String value) throws IOException {
        g.writeFieldName(name);
        g.writeString(value);
    }

    /** Writes {@code name: value}, both prepared. */
    public static void field(JsonGenerator g, SerializableString name, SerializableString value) throws IOException {
        g.writeFieldName(name);
        g.writeString(value);
    }

    /** Writes {@code name: value} unless the value is null or empty. */
    public static void optional(JsonGenerator g, SerializableString name, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            field(g, name, value);
        }
    }
}
