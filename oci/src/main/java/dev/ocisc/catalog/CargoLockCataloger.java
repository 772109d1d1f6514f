package dev.ocisc.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Crates as a {@code Cargo.lock} pins them: each {@code [[package]]} with its name, version, source (a registry or
 * git URL; none for the workspace's own crates) and checksum (the SHA-256 of the {@code .crate} file; the first
 * lock format kept them in {@code [metadata]} as {@code "checksum NAME VERSION (SOURCE)"} keys instead).
 */
public final class CargoLockCataloger implements LanguageCataloger {
    /**
     * The largest real lock files are a few hundred kilobytes. TOML is parsed into one tree (about six times the
     * file in memory), so the cap stays low; a larger file is a warning.
     */
    static final long MAX_LOCK = 8L << 20;
    private static final Pattern LOCK = Pattern.compile("(?:.*/)?Cargo\\.lock");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    @Override
    public FileScan open(String path, long size, int mode) {
        return path.endsWith("Cargo.lock") && LOCK.matcher(path).matches() ? new Scan(path, size) : null;
    }

    private static final class Scan extends WholeFileScan {
        Scan(String path, long size) {
            super(path, size, MAX_LOCK, "a Cargo.lock");
        }

        @Override
        List<LanguagePackage> parse(byte[] content) {
            JsonNode doc = CargoToml.parse(content);
            JsonNode packages = doc.path("package");
            if (!packages.isArray()) {
                throw new IllegalArgumentException("no [[package]] array");
            }
            Map<String, String> v1 = new HashMap<>();
            doc.path("metadata").properties().forEach(e -> {
                if (e.getKey().startsWith("checksum ") && e.getValue().isTextual()) {
                    v1.put(e.getKey().substring(9), e.getValue().asText());
                }
            });
            List<LanguagePackage> out = new ArrayList<>();
            int i = 0;
            for (JsonNode p : packages) {
                String where = "package[" + i++ + "]";
                try {
                    if (!p.isObject()) {
                        throw new IllegalArgumentException(where + " is not a table");
                    }
                    String name = CargoToml.crateName(CargoToml.string(p, "name", where), where);
                    String version = CargoToml.string(p, "version", where);
                    if (version == null || version.isEmpty()) {
                        throw new IllegalArgumentException(where + " (" + name + ") has no version");
                    }
                    String source = CargoToml.string(p, "source", where);
                    String checksum = CargoToml.string(p, "checksum", where);
                    if (checksum == null) {
                        checksum = v1.get(name + " " + version + " (" + source + ")");
                    }
                    if (checksum != null && !SHA256.matcher(checksum).matches()) {
                        // Debian's crates say "Could not get crate checksum", which cargo copies here.
                        warn(where + " (" + name + ") has the checksum " + shown(checksum)
                                + ", not a hex SHA-256; listed without one");
                        checksum = null;
                    }
                    TreeMap<String, String> props = new TreeMap<>();
                    if (source != null) {
                        props.put("cargo:source", source);
                    }
                    out.add(new LanguagePackage("cargo", null, name, version, checksum, null, false, null, null,
                            props));
                } catch (IllegalArgumentException e) {
                    warn(e.getMessage() + "; left out");
                }
            }
            return out;
        }
    }
}
