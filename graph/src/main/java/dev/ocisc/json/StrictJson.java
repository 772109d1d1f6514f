package dev.ocisc.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ocisc.failure.InvalidInputException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The one way ocisc reads JSON, whoever wrote the document. What is refused, and why:
 * <ul>
 * <li>a key twice in one object: parsers disagree on which value wins (Go's and Python's take the last, others
 *     the first), so a document that ocisc checks one way and its consumer reads another is a forgery;</li>
 * <li>anything but whitespace after the value: the checked value would not be the whole document;</li>
 * <li>nesting deeper than {@link #MAX_DEPTH}: no real document comes near it, and code walking a tree must not
 *     run out of stack;</li>
 * <li>a file larger than its caller's cap, checked before it is read and counted while it is.</li>
 * </ul>
 * Every refusal is an {@link InvalidInputException}: one line naming the source and the problem, with the line
 * and column where the parser was.
 */
public final class StrictJson {
    /** Deeper than any Nix, OCI, SBOM or in-toto document; shallow enough for recursive walks of the tree. */
    public static final int MAX_DEPTH = 200;
    /** Longest key quoted in an error: a key is attacker-chosen and the error is one line. */
    private static final int QUOTED_KEY = 80;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                    .build())
            .build();

    private StrictJson() {
    }

    /** One JSON value, the whole of {@code content}. */
    public static JsonNode parse(byte[] content, String source) {
        try (JsonParser p = MAPPER.createParser(content)) {
            return one(p, source);
        } catch (IOException e) {
            throw new InvalidInputException(source, "cannot read JSON: " + e.getMessage());
        }
    }

    /** One JSON value, the whole of {@code content}. */
    public static JsonNode parse(String content, String source) {
        try (JsonParser p = MAPPER.createParser(content)) {
            return one(p, source);
        } catch (IOException e) {
            throw new InvalidInputException(source, "cannot read JSON: " + e.getMessage());
        }
    }

    /**
     * One JSON value, the whole of {@code file}, of at most {@code maxBytes}. The file is streamed, never held as
     * bytes beside its tree; what the user names may be a pipe ({@code --policy <(...)}), capped all the same.
     */
    public static JsonNode read(Path file, long maxBytes) {
        String source = file.toString();
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidInputException(source, "a directory, expected a JSON file");
            }
            if (Files.isRegularFile(file) && Files.size(file) > maxBytes) {
                throw new InvalidInputException(source, "larger than " + maxBytes + " bytes, not read");
            }
            try (InputStream in = new Capped(Files.newInputStream(file), maxBytes);
                    JsonParser p = MAPPER.createParser(in)) {
                return one(p, source);
            }
        } catch (Capped.TooLarge e) {
            // it grew after its size was checked, or it has no size (a pipe, a file in /proc)
            throw new InvalidInputException(source, "larger than " + maxBytes + " bytes, not read");
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(source, "no such file");
        } catch (IOException e) {
            throw new InvalidInputException(source, "cannot read: " + e.getMessage());
        }
    }

    /**
     * One JSON value, the whole of {@code in} (standard input, say), of at most {@code maxBytes}; errors name
     * {@code source}.
     */
    public static JsonNode read(InputStream in, String source, long maxBytes) {
        try (InputStream capped = new Capped(in, maxBytes); JsonParser p = MAPPER.createParser(capped)) {
            return one(p, source);
        } catch (Capped.TooLarge e) {
            throw new InvalidInputException(source, "larger than " + maxBytes + " bytes, not read");
        } catch (IOException e) {
            throw new InvalidInputException(source, "cannot read: " + e.getMessage());
        }
    }

    /** A value of a sequence and the line it starts on. */
    public record Value(JsonNode node, int line) {
    }

    /**
     * The values of a JSON text that may hold several separated by whitespace: one document, or JSON Lines (one
     * value per line), each parsed as strictly as {@link #parse}. Empty when there is nothing but whitespace.
     */
    public static List<Value> parseSequence(String content, String source) {
        List<Value> values = new ArrayList<>();
        try (JsonParser p = MAPPER.createParser(content)) {
            while (true) {
                try {
                    if (p.nextToken() == null) {
                        return values;
                    }
                    int line = p.currentTokenLocation().getLineNr();
                    values.add(new Value(MAPPER.readTree(p), line));
                } catch (JsonProcessingException e) {
                    throw failure(source, p, e);
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(source, "cannot read JSON: " + e.getMessage());
        }
    }

    /**
     * A document that is one object, read as strictly as {@link #parse}, whose member {@code field} may be too large
     * to hold as a tree (a lock file's thousands of entries): each member of that object is handed to
     * {@code handler} as it is read, and only the document's other members are returned as a tree. The bytes are
     * held by the caller; the tree of the large object never is.
     *
     * @throws InvalidInputException as {@link #parse} does, and when the document or {@code field} is no object
     */
    public static JsonNode parseStreaming(byte[] content, String source, String field,
            BiConsumer<String, JsonNode> handler) {
        try (JsonParser p = MAPPER.createParser(content)) {
            try {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new InvalidInputException(source, p.currentToken() == null ? "empty, expected JSON"
                            : "not a JSON object");
                }
                ObjectNode rest = MAPPER.createObjectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (name.equals(field) && value == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String key = p.currentName();
                            p.nextToken();
                            handler.accept(key, MAPPER.readTree(p));
                        }
                    } else if (name.equals(field)) {
                        throw new InvalidInputException(source, quote(field) + " is not an object" + at(
                                p.currentTokenLocation()));
                    } else {
                        rest.set(name, MAPPER.readTree(p));
                    }
                }
                JsonLocation end = p.currentLocation();
                if (p.nextToken() != null) {
                    throw new InvalidInputException(source, "trailing data after the JSON value" + at(end));
                }
                return rest;
            } catch (JsonProcessingException e) {
                throw failure(source, p, e);
            }
        } catch (IOException e) {
            throw new InvalidInputException(source, "cannot read JSON: " + e.getMessage());
        }
    }

    private static JsonNode one(JsonParser p, String source) throws IOException {
        JsonNode n;
        try {
            n = MAPPER.readTree(p);
        } catch (JsonProcessingException e) {
            throw failure(source, p, e);
        }
        if (n == null || n.isMissingNode()) {
            throw new InvalidInputException(source, "empty, expected JSON");
        }
        JsonLocation end = p.currentLocation();
        try {
            if (p.nextToken() == null) {
                return n;
            }
            end = p.currentTokenLocation();
        } catch (JsonProcessingException e) {
            end = e.getLocation() != null ? e.getLocation() : end;
        }
        throw new InvalidInputException(source, "trailing data after the JSON value" + at(end));
    }

    private static InvalidInputException failure(String source, JsonParser p, JsonProcessingException e) {
        String problem;
        if (e instanceof StreamConstraintsException) {
            problem = e.getOriginalMessage().contains("nesting depth")
                    ? "nested deeper than " + MAX_DEPTH + " levels"
                    : "beyond a size limit: " + oneLine(e.getOriginalMessage());
        } else if (e instanceof JsonParseException && e.getOriginalMessage().startsWith("Duplicate ")) {
            // Jackson's message quotes the key raw; the parser still holds it, to be quoted safely here.
            problem = "duplicate key " + quote(currentName(p));
        } else {
            problem = "invalid JSON: " + oneLine(e.getOriginalMessage());
        }
        return new InvalidInputException(source, problem + at(e.getLocation()));
    }

    private static String currentName(JsonParser p) {
        try {
            return p.currentName();
        } catch (IOException e) {
            return null;
        }
    }

    private static String at(JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }

    /** An untrusted key in single quotes for a one-line message: control characters escaped, long keys cut. */
    public static String quote(String key) {
        if (key == null) {
            return "(unknown)";
        }
        StringBuilder b = new StringBuilder("'");
        int n = Math.min(key.length(), QUOTED_KEY);
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\'' || c == '\\' || Character.isSurrogate(c)
                    || Character.getType(c) == Character.FORMAT) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append(key.length() > n ? "'..." : "'").toString();
    }

    private static String oneLine(String message) {
        String s = message == null ? "" : message;
        int nl = s.indexOf('\n');
        s = nl < 0 ? s : s.substring(0, nl);
        // Jackson names a start marker's place by a source description ("REDACTED (...)"): keep line and column.
        s = JACKSON_PLACE.matcher(s).replaceAll("line $1, column $2");
        return s.replaceAll("\\p{Cntrl}", "?");
    }

    private static final java.util.regex.Pattern JACKSON_PLACE = java.util.regex.Pattern.compile(
            "\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

    /** Fails once more than {@code max} bytes were read. */
    private static final class Capped extends FilterInputStream {
        private long left;

        Capped(InputStream in, long max) {
            super(in);
            left = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) {
                throw new TooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, (int) Math.min(len, left + 1));
            if (n > 0 && (left -= n) < 0) {
                throw new TooLarge();
            }
            return n;
        }

        static final class TooLarge extends IOException {
        }
    }
}
