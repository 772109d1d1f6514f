package dev.ocisc.gate;

import dev.ocisc.catalog.FoundPackage;
import dev.ocisc.catalog.ImageCatalog;
import dev.ocisc.catalog.LanguagePackage;
import dev.ocisc.catalog.LayerPackage;
import dev.ocisc.catalog.NixStorePath;
import dev.ocisc.diff.DiffOptions;
import dev.ocisc.diff.Drift;
import dev.ocisc.diff.Finding;
import dev.ocisc.diff.ImageDiff;
import dev.ocisc.dsse.KeyId;
import dev.ocisc.dsse.SignedAttestation;
import dev.ocisc.dsse.VerificationException;
import dev.ocisc.nix.DrvName;
import dev.ocisc.oci.Image;
import dev.ocisc.oci.ImageLocation;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.sbom.DeclaredComponent;
import dev.ocisc.sbom.LanguageComponents;
import dev.ocisc.sbom.SbomReader;
import dev.ocisc.slsa.ArtifactDigest;
import dev.ocisc.slsa.Policy;
import dev.ocisc.slsa.WantedArtifact;
import dev.ocisc.text.Noun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code ocisc verify image}: checks an image against its SBOM (what it declares against what the image holds,
 * as the oci module's catalog finds it: Nix store paths, OS packages and language packages), its signed provenance (signature,
 * subject, builder) and a release policy.
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
        return check(image, sbom, null, policy, rebuild);
    }

    /**
     * @param attestation signed provenance of the image and the key trusted to have signed it, or null
     */
    public GateReport check(Path image, Path sbom, Attestation attestation, Policy policy, Path rebuild) {
        return check(new ImageLocation.Local(image), sbom, attestation, policy,
                rebuild == null ? null : new ImageLocation.Local(rebuild));
    }

    /**
     * @param image   the image, on this machine or in a registry
     * @param rebuild a second build, on this machine or in a registry; or null
     */
    public GateReport check(ImageLocation image, Path sbom, Attestation attestation, Policy policy,
            ImageLocation rebuild) {
        return checkDeclared(image, sbom == null ? null : () -> SbomReader.read(sbom), attestation, policy, rebuild);
    }

    /** The SBOM's components, read when the gate reads its inputs (a file, or a document attached in a registry). */
    @FunctionalInterface
    public interface DeclaredSbom {
        List<DeclaredComponent> read();

        /** Where an SBOM found in the registry came from, for the report; null for a file given. */
        default String attached() {
            return null;
        }
    }

    /** @param sbom the SBOM to hold against the image, or null */
    public GateReport checkDeclared(ImageLocation image, DeclaredSbom sbom, Attestation attestation, Policy policy,
            ImageLocation rebuild) {
        // Every input is read before anything is judged: unreadable input is exit 3 with no report at all.
        ImageCatalog catalog = ImageCatalog.of(image, readOptions);
        List<Found> found = found(catalog);
        List<DeclaredComponent> declared = sbom == null ? List.of() : sbom.read();
        List<SignedAttestation> envelopes = attestation == null ? null : AttestationCheck.read(attestation, readOptions);
        List<Check> checks = new ArrayList<>();
        if (sbom != null) {
            Check c = sbomCheck(declared, found);
            checks.add(sbom.attached() == null ? c : new Check(c.id(), c.passed(), "attached SBOM "
                    + sbom.attached() + ": " + c.summary(), c.items()));
        }
        if (!policy.forbiddenLicenses().isEmpty()) {
            checks.add(licenses(policy, declared, found));
        }
        AttestationCheck.Outcome attested = null;
        if (attestation != null) {
            attested = AttestationCheck.check(attestation, envelopes, identity(image, catalog.image()));
            checks.add(attested.signature());
            checks.add(attested.subject());
        }
        if (!policy.provenanceRules().isEmpty()) {
            checks.add(builder(policy, attestation, attested));
        }
        if (policy.requireReproducible()) {
            checks.add(reproducible(image, rebuild));
        }
        var img = catalog.image();
        return new GateReport(image.toString(), img.form().cliName(), img.manifestDigest().toString(), checks);
    }

    /**
     * The digest sets a subject may name this image by, as {@link dev.ocisc.slsa.ArtifactIdentity} defines them:
     * the bytes of the archive or directory, and the manifest digest. Built from the catalog's read rather than
     * by {@code ArtifactIdentity.of(path)}, which would read every layer a second time and with the default
     * platform, so that a multi-platform image checked with {@code --platform} would be matched against another
     * manifest than the one whose contents the gate checked. A link (Nix's ./result) stands for its target, as
     * for {@code attest verify}: its bytes are the archive's. An image in a registry has its manifest digest only.
     */
    private static List<SortedMap<String, String>> identity(ImageLocation location, Image image) {
        List<SortedMap<String, String>> sets = new ArrayList<>();
        if (location instanceof ImageLocation.Local local) {
            SortedMap<String, String> bytes = ArtifactDigest.of(WantedArtifact.followed(local.path()));
            if (!bytes.isEmpty()) {
                sets.add(bytes);
            }
        }
        if (image.hasManifest()) {
            SortedMap<String, String> manifest = new TreeMap<>();
            manifest.put(image.manifestDigest().algorithm(), image.manifestDigest().hex());
            sets.add(manifest);
        }
        return sets;
    }

    /**
     * The policy's rules on the provenance: the builder id (by the key trusted with {@code --key}), then the build
     * type and external parameters. Only a verified attestation says who built the image; a rule that cannot be
     * checked must not pass.
     */
    private static Check builder(Policy policy, Attestation attestation, AttestationCheck.Outcome attested) {
        String keyid = attestation == null ? null : KeyId.of(attestation.key());
        List<String> forKey = keyid == null ? allBuilderIds(policy) : policy.builderIdsFor(keyid);
        List<String> allowed = forKey == null ? List.of() : new ArrayList<>(new TreeSet<>(forKey));
        if (attestation == null) {
            List<String> rules = policy.provenanceRules();
            return new Check("builder", false, String.join(", ", rules) + (rules.size() == 1 ? " needs" : " need")
                    + " a verified attestation: give --attestation FILE --key PUB.pem", allowed);
        }
        if (attested.verified() == null) {
            return new Check("builder", false, "no verified attestation, so the builder is unknown", allowed);
        }
        String id = attested.verified().builderId();
        if (policy.allowedBuilderIds() != null && (forKey == null || !forKey.contains(id))) {
            return new Check("builder", false, "builder id '" + id + "' is not in allowed_builder_ids"
                    + (forKey == null ? " for key " + keyid : ""), allowed);
        }
        try {
            policy.checkBuild(attested.verified().buildType(), attested.verified().externalParameters());
        } catch (VerificationException e) {
            return new Check("builder", false, e.detail(), allowed);
        }
        return new Check("builder", true, policy.allowedBuilderIds() != null ? "builder id " + id + " is allowed"
                : "build type and external parameters are allowed", allowed);
    }

    /** Every builder id the policy allows for any key, for a report that has no key to pick them by. */
    private static List<String> allBuilderIds(Policy policy) {
        if (policy.allowedBuilderIds() == null) {
            return null;
        }
        List<String> all = new ArrayList<>();
        policy.allowedBuilderIds().values().forEach(all::addAll);
        return all;
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
        // Language packages (Go modules, ...), once per package and container as the image's SBOM lists them.
        Set<String> seen = new HashSet<>();
        for (LayerPackage lp : c.languagePackages()) {
            LanguagePackage p = lp.pkg();
            if (seen.add(LanguageComponents.purl(p) + "#" + p.container())) {
                out.add(new Found(p.fullName(), p.version() == null ? "" : p.version(), null, p.license()));
            }
        }
        return out;
    }

    private static Check sbomCheck(List<DeclaredComponent> declared, List<Found> found) {
        Set<String> foundKeys = new TreeSet<>();
        for (Found f : found) {
            foundKeys.addAll(keys(f.storePath(), f.name(), f.version()));
        }
        Set<String> declaredKeys = new TreeSet<>();
        Set<String> items = new TreeSet<>();
        for (DeclaredComponent d : declared) {
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

    private static Check licenses(Policy policy, List<DeclaredComponent> declared, List<Found> found) {
        Set<String> forbidden = new TreeSet<>();
        policy.forbiddenLicenses().forEach(l -> forbidden.add(l.toLowerCase(Locale.ROOT)));
        Set<String> items = new TreeSet<>();
        for (DeclaredComponent d : declared) {
            hit(d.label(), d.license(), forbidden, items);
        }
        for (Found f : found) {
            hit(f.label(), f.license(), forbidden, items);
        }
        return new Check("licenses", items.isEmpty(), items.isEmpty() ? "no forbidden license ("
                + String.join(", ", policy.forbiddenLicenses()) + ")" : Noun.of("component").count(items.size())
                        + " under a forbidden license", new ArrayList<>(items));
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

    private Check reproducible(ImageLocation image, ImageLocation rebuild) {
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
                + (d.clean() ? "" : " (" + d.extent() + "; see ocisc diff)"), items);
    }
}
