package dev.ocisc.catalog;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.ocisc.json.StrictJson;
import java.io.IOException;
import java.util.regex.Pattern;

/** Cargo's TOML files (Cargo.toml, Cargo.lock) read by Jackson's TOML parser: a key twice is refused, as by cargo. */
final class CargoToml {
    /** crates.io's rule for crate names; cargo itself also allows these and nothing else in a lock file. */
    static final Pattern CRATE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final TomlMapper MAPPER = new TomlMapper(TomlFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(StrictJson.MAX_DEPTH).build())
            .build());

    private CargoToml() {
    }

    /** @throws IllegalArgumentException when it is not TOML */
    static JsonNode parse(byte[] content) {
        try {
            return MAPPER.readTree(content);
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            int nl = m.indexOf('\n');
            throw new IllegalArgumentException("not TOML: " + (nl < 0 ? m : m.substring(0, nl)));
        }
    }

    /** The string at {@code field} of {@code table}, null when absent. @throws IllegalArgumentException otherwise */
    static String string(JsonNode table, String field, String where) {
        JsonNode v = table.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(where + "." + field + " is not a string");
        }
        return v.asText();
    }

    static String crateName(String name, String where) {
        if (name == null || !CRATE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(where + " has " + (name == null ? "no name"
                    : "the name " + WholeFileScan.shown(name) + ", which is no crate name"));
        }
        return name;
    }
}
