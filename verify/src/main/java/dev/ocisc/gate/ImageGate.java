package dev.ocisc.gate;

import dev.ocisc.catalog.FoundPackage;
import dev.ocisc.catalog.ImageCatalog;
import dev.ocisc.catalog.NixStorePath;
import dev.ocisc.diff.DiffOptions;
import dev.ocisc.diff.Drift;
import dev.ocisc.diff.Finding;
import dev.ocisc.diff.ImageDiff;
import dev.ocisc.nix.DrvName;
import dev.ocisc.oci.ReadOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code ocisc verify image}: checks an image against its SBOM (what it declares against what the image holds,
 * as the oci module's catalog finds it: Nix store paths and OS packages) and a release policy.
 */
public final class ImageGate {
    private final ReadOptions readOptions;
    private final DiffOptions diffOptions;

    public ImageGate(ReadOptions readOptions, DiffOptions diffOptions) {
        this.readOptions = readOptions;
        this.diffOptions = diffOptions;
    }

    /** What the image holds, in the terms an SBOM declares. */
    record Found(String name, String version, String storePath, String license) {
        String label() {
            return storePath != null ? storePath : name + (version.isEmpty() ? "" : "@" + version);
        }
    }

    /**
     * @param sbom    the SBOM to hold against the image, or null
     * @param rebuild a second, independent build of the image, for {@code require_reproducible}; or null
     */
    public GateReport check(Path image, Path sbom, Policy policy, Path rebuild) {
        ImageCatalog catalog = ImageCatalog.of(image, readOptions);
        List<Found> found = found(catalog);
        List<Declared> declared = sbom == null ? List.of() : SbomReader.read(sbom);
        List<Check> checks = new ArrayList<>();
        if (sbom != null) {
            checks.add(sbomCheck(declared, found));
        }
        if (!policy.forbiddenLicenses().isEmpty()) {
            checks.add(licenses(policy, declared, found));
        }
        if (!policy.allowedBuilderIds().isEmpty()) {
            // Only a verified attestation can say who built the image; this build has no attestation check, and
            // a rule that cannot be checked must not pass.
            checks.add(new Check("builder", false, "allowed_builder_ids needs a verified attestation, which "
                    + "verify image does not check yet", policy.allowedBuilderIds()));
        }
        if (policy.requireReproducible()) {
            checks.add(reproducible(image, rebuild));
        }
        var img = catalog.image();
        return new GateReport(image.toString(), img.form().cliName(), img.manifestDigest().toString(), checks);
    }

    private static List<Found> found(ImageCatalog c) {
        List<Found> out = new ArrayList<>();
        for (NixStorePath p : c.storePaths()) {
            String base = p.path().substring(p.path().lastIndexOf('/') + 1);
            DrvName n = DrvName.parse(base.length() > 33 ? base.substring(33) : base);
            out.add(new Found(n.name(), n.version() == null ? "" : n.version(), p.path(), null));
        }
        for (FoundPackage f : c.packages()) {
            out.add(new Found(f.pkg().name(), f.pkg().version() == null ? "" : f.pkg().version(), null,
                    f.pkg().license()));
        }
        return out;
    }

    private static Check sbomCheck(List<Declared> declared, List<Found> found) {
        Set<String> foundKeys = new TreeSet<>();
        for (Found f : found) {
            foundKeys.addAll(keys(f.storePath(), f.name(), f.version()));
        }
        Set<String> declaredKeys = new TreeSet<>();
        Set<String> items = new TreeSet<>();
        for (Declared d : declared) {
            List<String> k = keys(d.storePath(), d.name(), d.version());
            declaredKeys.addAll(k);
            if (k.stream().noneMatch(foundKeys::contains)) {
                items.add("declared but absent: " + d.label());
            }
        }
        int absent = items.size();
        for (Found f : found) {
            if (keys(f.storePath(), f.name(), f.version()).stream().noneMatch(declaredKeys::contains)) {
                items.add("present but undeclared: " + f.label());
            }
        }
        int undeclared = items.size() - absent;
        return new Check("sbom", items.isEmpty(), declared.size() + " declared, " + found.size() + " found in the "
                + "image; " + absent + " declared but absent, " + undeclared + " present but undeclared",
                new ArrayList<>(items));
    }

    /** A store path matches only itself; otherwise name and version (lowercase). */
    private static List<String> keys(String storePath, String name, String version) {
        if (storePath != null) {
            return List.of(storePath);
        }
        return List.of(name.toLowerCase(Locale.ROOT) + "@" + (version == null ? "" : version));
    }

    private static Check licenses(Policy policy, List<Declared> declared, List<Found> found) {
        Set<String> forbidden = new TreeSet<>();
        policy.forbiddenLicenses().forEach(l -> forbidden.add(l.toLowerCase(Locale.ROOT)));
        Set<String> items = new TreeSet<>();
        for (Declared d : declared) {
            hit(d.label(), d.license(), forbidden, items);
        }
        for (Found f : found) {
            hit(f.label(), f.license(), forbidden, items);
        }
        return new Check("licenses", items.isEmpty(), items.isEmpty() ? "no forbidden license ("
                + String.join(", ", policy.forbiddenLicenses()) + ")" : items.size() + " components under a "
                        + "forbidden license", new ArrayList<>(items));
    }

    /** Any license id of the expression that is forbidden: {@code MIT OR GPL-3.0-only} names GPL-3.0-only. */
    private static void hit(String label, String expression, Set<String> forbidden, Set<String> items) {
        if (expression == null) {
            return;
        }
        for (String id : expression.split("[\\s()]+")) {
            if (!id.isEmpty() && forbidden.contains(id.toLowerCase(Locale.ROOT))) {
                items.add(label + ": " + id);
            }
        }
    }

    private Check reproducible(Path image, Path rebuild) {
        if (rebuild == null) {
            return new Check("reproducible", false, "require_reproducible needs a second build (--rebuild IMAGE)",
                    List.of());
        }
        Drift d = new ImageDiff(diffOptions, readOptions).diff(image, rebuild);
        List<String> items = new ArrayList<>();
        for (Finding f : d.findings()) {
            items.add(f.drift().id() + ": " + f.path() + " " + f.field());
        }
        return new Check("reproducible", d.clean(), "against " + rebuild + ": " + d.verdict()
                + (d.clean() ? "" : " (" + d.findings().size() + " differences in " + d.classes().size()
                        + " classes; see ocisc diff)"), items);
    }
}
