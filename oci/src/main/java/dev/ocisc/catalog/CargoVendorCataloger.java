package dev.ocisc.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.json.JsonFields;
import dev.ocisc.json.StrictJson;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Crates in a vendor directory ({@code cargo vendor}, nixpkgs' {@code cargoDeps}, Debian's
 * {@code /usr/share/cargo/registry}): a directory with {@code .cargo-checksum.json}, whose {@code package} is the
 * SHA-256 of the {@code .crate} file cargo checks against the lock file, and {@code Cargo.toml}, which names the
 * crate. The two files come in either order; the package is found with the second, which is its evidence (in a
 * sorted walk, {@code Cargo.toml}). A {@code Cargo.toml} without a checksum file is a project's own manifest and
 * no vendored crate.
 */
public final class CargoVendorCataloger implements LanguageCataloger {
    /** Normalised manifests are a few kilobytes; checksum files list every file of the crate. */
    static final long MAX_MANIFEST = 1L << 20;
    static final long MAX_CHECKSUMS = 16L << 20;
    private static final Pattern CHECKSUM = Pattern.compile("(?:(.*)/)?\\.cargo-checksum\\.json");
    private static final Pattern MANIFEST = Pattern.compile("(?:(.*)/)?Cargo\\.toml");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Directory -> what its Cargo.toml said, until its checksum file comes (or never). */
    private final Map<String, LanguagePackage> manifests = new HashMap<>();
    /** Directory -> why its Cargo.toml could not be read, for when its checksum file comes after it. */
    private final Map<String, String> unreadable = new HashMap<>();
    /** Directory -> its crate checksum ("" when the file records none), until its Cargo.toml comes. */
    private final Map<String, String> checksums = new HashMap<>();

    @Override
    public FileScan open(String path, long size, int mode) {
        if (!path.endsWith(".cargo-checksum.json") && !path.endsWith("Cargo.toml")) {
            return null;
        }
        var c = CHECKSUM.matcher(path);
        if (c.matches()) {
            return new ChecksumScan(path, size, dirOf(c.group(1)));
        }
        var m = MANIFEST.matcher(path);
        return m.matches() ? new ManifestScan(path, size, dirOf(m.group(1))) : null;
    }

    private static String dirOf(String group) {
        return group == null ? "" : group;
    }

    private static LanguagePackage withChecksum(LanguagePackage p, String checksum) {
        return new LanguagePackage(p.ecosystem(), p.namespace(), p.name(), p.version(),
                checksum.isEmpty() ? null : checksum, p.license(), false, null, null, p.properties());
    }

    private final class ChecksumScan extends WholeFileScan {
        private final String dir;

        ChecksumScan(String path, long size, String dir) {
            super(path, size, MAX_CHECKSUMS, "a cargo checksum file");
            this.dir = dir;
        }

        @Override
        List<LanguagePackage> parse(byte[] content) {
            JsonFields f = new JsonFields(source());
            JsonNode doc = f.object(StrictJson.parse(content, source()), ".cargo-checksum.json");
            f.object(doc, "files", ".cargo-checksum.json");
            // A crate vendored from git or a path has "package": null: it has no crate checksum.
            JsonNode pkg = doc.get("package");
            String sum = pkg == null || pkg.isNull() ? "" : f.string(doc, "package", ".cargo-checksum.json");
            if (!sum.isEmpty() && !SHA256.matcher(sum).matches()) {
                // Debian's librust-*-dev packages write "Could not get crate checksum" when they had none.
                warn("package is " + shown(sum) + ", not a hex SHA-256; the crate is listed without a checksum");
                sum = "";
            }
            String why = unreadable.remove(dir);
            if (why != null) {
                throw new IllegalArgumentException("the crate's Cargo.toml is unreadable: " + why);
            }
            LanguagePackage m = manifests.remove(dir);
            if (m != null) {
                return List.of(withChecksum(m, sum));
            }
            checksums.put(dir, sum);
            return List.of();
        }
    }

    private final class ManifestScan extends WholeFileScan {
        private final String dir;

        ManifestScan(String path, long size, String dir) {
            super(path, size, MAX_MANIFEST, "a Cargo.toml");
            this.dir = dir;
        }

        @Override
        List<LanguagePackage> parse(byte[] content) {
            String sum = checksums.remove(dir);
            JsonNode doc;
            try {
                doc = CargoToml.parse(content);
            } catch (IllegalArgumentException e) {
                return unless(sum, e);
            }
            JsonNode pkg = doc.path("package");
            if (!pkg.isObject()) {
                return unless(sum, new IllegalArgumentException("no [package] table"));
            }
            String name;
            String version;
            String license;
            try {
                name = CargoToml.crateName(CargoToml.string(pkg, "name", "package"), "[package]");
                version = CargoToml.string(pkg, "version", "package");
                license = CargoToml.string(pkg, "license", "package");
                if (version == null) {
                    throw new IllegalArgumentException("[package] has no version");
                }
            } catch (IllegalArgumentException e) {
                return unless(sum, e);
            }
            LanguagePackage p = declared("cargo", null, name, version, null, license, new TreeMap<>());
            if (sum != null) {
                return List.of(withChecksum(p, sum));
            }
            manifests.put(dir, p);
            return List.of();
        }

        /**
         * A manifest that names no crate: a project's own (a workspace root, {@code version.workspace = true}) when
         * no checksum file is beside it, which is no concern of ours; a vendored crate's that is broken when there
         * is one, now or later.
         */
        private List<LanguagePackage> unless(String sum, IllegalArgumentException e) {
            if (sum != null) {
                throw e;
            }
            unreadable.put(dir, e.getMessage());
            return List.of();
        }
    }
}
