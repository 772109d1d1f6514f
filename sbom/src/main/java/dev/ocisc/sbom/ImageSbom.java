package dev.ocisc.sbom;

import dev.ocisc.catalog.DebianCopyright;
import dev.ocisc.catalog.FoundPackage;
import dev.ocisc.catalog.ImageCatalog;
import dev.ocisc.catalog.LayerCatalog;
import dev.ocisc.catalog.LayerPackage;
import dev.ocisc.catalog.NixStorePath;
import dev.ocisc.catalog.OsPackage;
import dev.ocisc.graph.Graph;
import dev.ocisc.oci.Image;
import dev.ocisc.oci.ImageForm;
import dev.ocisc.oci.ImageReference;
import dev.ocisc.oci.LayerRead;
import dev.ocisc.oci.ReadOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SBOM of an existing image: the image as root, its Nix store paths (through the same {@link GraphSbom} as a
 * Nix target, so both give identical components), its operating system (from os-release) and the packages of its
 * dpkg and apk databases.
 *
 * <p>The operating system is written as scanners read it: trivy takes the CycloneDX {@code operating-system}
 * component's name as the OS family and its version as the release, and scans only the packages reachable from it
 * through {@code dependencies} ("no OS is detected" otherwise); syft, and so grype, take the same name and version
 * as os-release's ID and VERSION_ID. An image without os-release (a Nix-only image) gets no OS component, and the
 * image component says so.
 */
public final class ImageSbom {
    private ImageSbom() {
    }

    /**
     * @param meta nixpkgs metadata for the image's store paths (licenses, descriptions), as for a Nix target
     */
    public static Sbom build(ImageCatalog c, NixpkgsMeta meta, Instant created, String toolVersion) {
        Image img = c.image();
        List<Component> components = new ArrayList<>();
        List<Relationship> rels = new ArrayList<>();

        Component root = imageComponent(img, !c.osRelease().isEmpty());
        components.add(root);

        if (!c.storePaths().isEmpty()) {
            Graph g = c.graph();
            Sbom nix = new GraphSbom(meta, created, toolVersion).build(g);
            Map<String, NixStorePath> byPath = new LinkedHashMap<>();
            c.storePaths().forEach(p -> byPath.put(p.path(), p));
            for (Component comp : nix.components()) {
                NixStorePath p = byPath.get(comp.ref());
                TreeMap<String, String> props = new TreeMap<>(comp.properties());
                putLayer(props, c, p.layer());
                props.put("nix:references_from", referencesFrom(p.refsFrom()));
                if (!p.shipped()) {
                    // nix-snapshotter: the layer names the path, the host's store supplies it
                    props.put("nix:shipped", "false");
                }
                Component.Type type = comp.type() == Component.Type.APPLICATION ? Component.Type.LIBRARY : comp.type();
                components.add(new Component(comp.ref(), type, comp.name(), comp.version(), comp.purl(), comp.cpe(),
                        comp.sha256(), comp.license(), comp.description(), comp.homepage(), comp.downloadUrls(),
                        comp.downloadHash(), comp.sourceInfo(), comp.buildOnly(), props));
            }
            rels.addAll(nix.relationships());
            for (String r : g.roots()) {
                rels.add(new Relationship(root.ref(), r, Relationship.Type.DEPENDS_ON));
            }
        }

        Component os = osComponent(c.osRelease());
        if (os != null) {
            components.add(os);
            rels.add(new Relationship(root.ref(), os.ref(), Relationship.Type.CONTAINS));
        }
        Set<String> seen = new HashSet<>();
        for (FoundPackage fp : c.packages()) {
            Component comp = packageComponent(fp, c);
            if (seen.add(comp.ref())) {
                components.add(comp);
                rels.add(new Relationship(os != null ? os.ref() : root.ref(), comp.ref(), Relationship.Type.CONTAINS));
            }
        }
        String name = displayName(img);
        String serial = ContentId.uuid(name, root.ref(), components.stream().map(Component::ref).sorted().toList(),
                rels.stream().map(r -> r.from() + ">" + r.to()).sorted().toList());
        Sbom sbom = new Sbom(name, serial, created, List.of(root.ref()), components, rels, "operations", toolVersion);
        return LanguageComponents.add(sbom, languagePackages(c, root.ref()));
    }

    /** Language packages in a store path are contained in it; elsewhere in the image, in the image itself. */
    private static List<LanguageComponents.Placed> languagePackages(ImageCatalog c, String imageRef) {
        List<LanguageComponents.Placed> out = new ArrayList<>();
        Set<String> storePaths = new HashSet<>();
        c.storePaths().forEach(p -> storePaths.add(p.path()));
        for (LayerPackage lp : c.languagePackages()) {
            Map<String, String> props = new TreeMap<>();
            putLayer(props, c, lp.layer());
            String container = lp.pkg().container();
            out.add(new LanguageComponents.Placed(lp.pkg(),
                    container != null && storePaths.contains(container) ? container : imageRef, props));
        }
        return out;
    }

    private static Component imageComponent(Image img, boolean hasOsRelease) {
        String[] nameTag = nameAndTag(img);
        Map<String, String> q = new LinkedHashMap<>();
        q.put("tag", nameTag[1]);
        q.put("arch", img.config().platform().architecture());
        // Where the image came from, as syft and trivy record it; a local file's location is not a repository.
        registryReference(img).ifPresent(r -> q.put("repository_url", r.registry() + "/" + r.repository()));
        String purl = Purl.of("oci", null, nameTag[0].toLowerCase(Locale.ROOT),
                img.manifestDigest().toString(), q);
        TreeMap<String, String> props = new TreeMap<>();
        props.put("oci:form", img.form().cliName());
        props.put("oci:config_digest", img.configDigest().toString());
        if (img.hasManifest()) {
            props.put("oci:manifest_digest", img.manifestDigest().toString());
        } else {
            props.put("oci:digest_note", "docker-archive has no manifest: the purl carries the config digest "
                    + "(image ID)");
        }
        props.put("oci:layers", Integer.toString(img.layers().size()));
        if (!hasOsRelease) {
            props.put("oci:os_distribution", "none: the image has neither /etc/os-release nor /usr/lib/os-release");
        }
        if (img.config().platform().os() != null && !img.config().platform().os().isEmpty()) {
            props.put("oci:platform", img.config().platform().toString());
        }
        return new Component(purl, Component.Type.CONTAINER, nameTag[0], img.manifestDigest().toString(), purl, null,
                img.manifestDigest().hex(), null, null, null, List.of(), null, null, null, props);
    }

    /** CPE vendor and product of the distributions whose NVD names are known, by os-release ID. */
    private static final Map<String, String[]> OS_CPE = Map.of(
            "debian", new String[] {"debian", "debian_linux"},
            "ubuntu", new String[] {"canonical", "ubuntu_linux"});

    /**
     * The operating system os-release describes, or null when the image has none. Name and version are ID and
     * VERSION_ID (ID defaults to {@code linux}, as os-release(5) says); the CPE is CPE_NAME when the file gives
     * one, else the NVD name of a known distribution, else none.
     */
    static Component osComponent(Map<String, String> os) {
        if (os.isEmpty()) {
            return null;
        }
        String id = nonEmpty(os.get("ID"));
        id = id == null ? "linux" : id;
        String version = nonEmpty(os.get("VERSION_ID"));
        String cpe = Cpe.fromUri(nonEmpty(os.get("CPE_NAME")));
        if (cpe == null && OS_CPE.containsKey(id)) {
            cpe = Cpe.operatingSystem(OS_CPE.get(id)[0], OS_CPE.get(id)[1], version);
        }
        TreeMap<String, String> props = new TreeMap<>();
        for (String k : List.of("VERSION_CODENAME", "ID_LIKE", "BUILD_ID", "VARIANT_ID")) {
            if (nonEmpty(os.get(k)) != null) {
                props.put("os:" + k.toLowerCase(Locale.ROOT), os.get(k));
            }
        }
        String ref = "os:" + id + (version == null ? "" : "@" + version);
        return new Component(ref, Component.Type.OPERATING_SYSTEM, id, version, null, cpe, null, null,
                nonEmpty(os.get("PRETTY_NAME")), nonEmpty(os.get("HOME_URL")), List.of(), null, null, null, props);
    }

    /**
     * The distro qualifier of an OS package's purl, as syft writes it and grype parses it back ({@code ID-VERSION},
     * split at the first '-'): {@code debian-12}, {@code alpine-3.19.1}; the codename when there is no VERSION_ID
     * (Debian testing), which grype takes as a codename. A codename alone ({@code bookworm}) grype would read as
     * the name of an unknown distribution.
     */
    static String distro(Map<String, String> os) {
        String id = nonEmpty(os.get("ID"));
        if (id == null) {
            return null;
        }
        String v = nonEmpty(os.get("VERSION_ID"));
        v = v != null ? v : nonEmpty(os.get("VERSION_CODENAME"));
        return v == null ? null : id + "-" + v;
    }

    private static String nonEmpty(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Component packageComponent(FoundPackage fp, ImageCatalog c) {
        OsPackage p = fp.pkg();
        Map<String, String> os = c.osRelease();
        Map<String, String> q = new LinkedHashMap<>();
        q.put("arch", p.arch());
        q.put("distro", distro(os));
        String namespace;
        if (p.ecosystem().equals("deb")) {
            namespace = os.getOrDefault("ID", "debian");
            if (p.source() != null && !p.source().equals(p.name())) {
                q.put("upstream", p.source());
            }
        } else {
            namespace = os.getOrDefault("ID", "alpine");
        }
        String purl = Purl.of(p.ecosystem(), namespace, p.name(), p.version(), q);
        TreeMap<String, String> props = new TreeMap<>();
        putLayer(props, c, fp.layer());
        props.put(p.ecosystem() + ":database", p.database());
        if (p.source() != null) {
            props.put(p.ecosystem() + ":source", p.source());
        }
        License license = p.license() == null || p.license().isBlank() ? null : osLicense(p.license());
        return new Component(purl, Component.Type.LIBRARY, p.name(), p.version(), purl, null, null, license,
                p.description(), p.homepage(), List.of(), null, null, null, props);
    }

    private static final Pattern DEBIAN_REF = Pattern.compile(
            Pattern.quote(DebianCopyright.REF_PREFIX) + "[A-Za-z0-9.-]+");

    /** An OS package's SPDX expression; the Debian names it keeps as LicenseRefs are declared for SPDX. */
    private static License osLicense(String expression) {
        TreeMap<String, License.NamedLicense> named = new TreeMap<>();
        Matcher m = DEBIAN_REF.matcher(expression);
        while (m.find()) {
            String id = m.group();
            named.put(id, new License.NamedLicense(id, id.substring(DebianCopyright.REF_PREFIX.length()), List.of(),
                    "the machine-readable Debian copyright file (/usr/share/doc/PACKAGE/copyright) of a package"));
        }
        return new License(expression, named);
    }

    private static String referencesFrom(String refsFrom) {
        return switch (refsFrom) {
            case "db" -> "image store database";
            case "scan" -> "scan of the image's files";
            case "store" -> "Nix store database (the image does not ship the path)";
            default -> "none: the image does not ship the path and no Nix store holding it was read";
        };
    }

    private static void putLayer(Map<String, String> props, ImageCatalog c, int layer) {
        LayerRead<LayerCatalog> l = c.layers().get(layer);
        props.put("oci:layer_digest", l.blobDigest().toString());
        props.put("oci:layer_diff_id", l.diffId().toString());
        props.put("oci:layer_index", Integer.toString(layer));
    }

    /** {name, tag}: from a docker RepoTag {@code repo:tag}, or the source's file name and an OCI ref.name tag. */
    /** The reference a registry image was read by; empty for an image read from a file or directory. */
    private static java.util.Optional<ImageReference> registryReference(Image img) {
        return img.form() == ImageForm.REGISTRY ? ImageReference.parse(img.source()) : java.util.Optional.empty();
    }

    /**
     * The image's name (the repository's last path segment, as the purl oci type wants) and tag (null when none),
     * from the registry reference, else the annotated ref name, else the file name.
     */
    static String[] nameAndTag(Image img) {
        java.util.Optional<ImageReference> reg = registryReference(img);
        if (reg.isPresent()) {
            String repo = reg.get().repository();
            return new String[] {repo.substring(repo.lastIndexOf('/') + 1), reg.get().tag()};
        }
        String ref = img.name();
        if (ref != null && ref.contains(":") && !ref.endsWith(":")) {
            int colon = ref.lastIndexOf(':');
            String repo = ref.substring(0, colon);
            String name = repo.substring(repo.lastIndexOf('/') + 1);
            return new String[] {name.isEmpty() ? "image" : name, ref.substring(colon + 1)};
        }
        String file = Path.of(img.source()).getFileName().toString();
        String base = file.replaceAll("(\\.(tar|gz|tgz|zst|oci|docker))+$", "");
        return new String[] {base.isEmpty() ? "image" : base, ref};
    }

    static String displayName(Image img) {
        String[] nt = nameAndTag(img);
        return nt[1] == null ? nt[0] : nt[0] + ":" + nt[1];
    }
}
