package dev.ocisc.oci.layout;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.BlobStore;
import dev.ocisc.oci.Compression;
import dev.ocisc.oci.Descriptor;
import dev.ocisc.oci.Digest;
import dev.ocisc.oci.Image;
import dev.ocisc.oci.ImageConfig;
import dev.ocisc.oci.ImageForm;
import dev.ocisc.oci.Index;
import dev.ocisc.oci.Layer;
import dev.ocisc.oci.Limits;
import dev.ocisc.oci.Manifest;
import dev.ocisc.oci.MediaType;
import dev.ocisc.oci.Platform;
import dev.ocisc.oci.ReadOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads an OCI image layout ({@code index.json} + {@code blobs/<alg>/<hex>}) from any blob store: a directory,
 * an oci-archive, or the OCI half of Docker 25's combined archive. Every document is digest-checked before it
 * is parsed.
 */
public final class OciLayout {
    static final String REF_NAME = "org.opencontainers.image.ref.name";
    private static final int MAX_INDEX_DEPTH = 4;

    private OciLayout() {
    }

    public static boolean looksLikeLayout(BlobStore store) {
        return store.size("index.json") >= 0;
    }

    public static String blobName(Digest d) {
        return "blobs/" + d.algorithm() + "/" + d.hex();
    }

    public static Image resolve(BlobStore store, ReadOptions opts, ImageForm form, Compression archiveCompression) {
        long cap = opts.limits().maxJsonBytes();
        String src = store.describe();
        if (store.size("oci-layout") >= 0) {
            String layout = new String(store.readSmall("oci-layout", cap), java.nio.charset.StandardCharsets.UTF_8);
            if (!layout.contains("imageLayoutVersion")) {
                throw new InvalidInputException(src + ": oci-layout", "no imageLayoutVersion");
            }
        }
        List<Descriptor> all = manifests(store, opts);
        List<Descriptor> manifests = opts.refName() == null ? all : byRefName(all, opts.refName(), src);
        List<Platform> platforms = new ArrayList<>();
        for (Descriptor d : manifests) {
            if (named(d)) {
                platforms.add(d.platform());
            }
        }
        Descriptor chosen;
        if (!platforms.isEmpty()) {
            Platform want = opts.platform() != null ? opts.platform() : Platform.host();
            // An exact match first: linux/arm64 must not pick linux/arm64/v8 when the index has both.
            chosen = manifests.stream().filter(d -> want.equals(d.platform())).findFirst()
                    .or(() -> manifests.stream().filter(d -> d.platform() != null && want.matches(d.platform()))
                            .findFirst())
                    .orElseThrow(() -> new InvalidInputException(src, "no image for platform " + want
                            + "; available: " + String.join(", ", new TreeSet<>(platforms.stream()
                                    .map(Platform::toString).toList()))));
        } else if (manifests.size() == 1) {
            chosen = manifests.get(0);
        } else {
            throw new InvalidInputException(src, manifests.size() + " images in the index and none names a "
                    + "platform; ocisc reads one image per layout");
        }

        String manifestName = blobName(chosen.digest());
        Manifest m = Manifest.parse(store.readVerified(manifestName, chosen, cap), src + ": manifest "
                + chosen.digest(), chosen.mediaType());
        opts.limits().checkDescriptors(m.layers().size(), src + ": manifest " + chosen.digest());
        byte[] configBytes = store.readVerified(blobName(m.config().digest()), m.config(), cap);
        ImageConfig config = ImageConfig.parse(configBytes, src + ": config " + m.config().digest());
        if (platforms.isEmpty()) {
            config.requirePlatform(opts.platform(), src);
        }
        if (config.diffIds().size() != m.layers().size()) {
            throw new InvalidInputException(src + ": config " + m.config().digest(), "rootfs.diff_ids has "
                    + config.diffIds().size() + " entries but the manifest has " + m.layers().size() + " layers");
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < m.layers().size(); i++) {
            Descriptor l = m.layers().get(i);
            layers.add(new Layer(i, l.mediaType(), l.digest(), l.size(), config.diffIds().get(i), blobName(l.digest()),
                    l.annotations()));
        }
        String name = chosen.annotation(REF_NAME);
        return new Image(src, form, archiveCompression, name, chosen.digest(), true, m.config().digest(), config,
                layers, platforms.size() > 1 ? platforms : List.of());
    }

    /** skopeo's oci:DIR:NAME: the entries of that name (a name on an index names every manifest in it). */
    private static List<Descriptor> byRefName(List<Descriptor> all, String refName, String src) {
        List<Descriptor> named = all.stream().filter(d -> refName.equals(d.annotation(REF_NAME))).toList();
        if (named.isEmpty()) {
            throw new InvalidInputException(src + ": index.json", "no image named '" + refName
                    + "' (org.opencontainers.image.ref.name); names: " + String.join(", ", new TreeSet<>(
                            all.stream().map(d -> d.annotation(REF_NAME)).filter(java.util.Objects::nonNull)
                                    .toList())));
        }
        return named;
    }

    /**
     * Every image manifest the layout's index names, nested indexes flattened, in index order; at least one.
     * Entries whose platform is named (not {@code unknown}, as attestation manifests say) are the platforms of a
     * multi-platform image: see {@link #named}.
     */
    public static List<Descriptor> manifests(BlobStore store, ReadOptions opts) {
        long cap = opts.limits().maxJsonBytes();
        String src = store.describe();
        Index index = Index.parse(store.readSmall("index.json", cap), src + ": index.json");
        List<Descriptor> manifests = new ArrayList<>();
        new Walk(store, opts.limits()).collect(index, manifests, 0, null);
        if (manifests.isEmpty()) {
            throw new InvalidInputException(src + ": index.json", "no image manifest in the index");
        }
        return manifests;
    }

    /** True when the entry names a real platform (not absent, empty or {@code unknown}). */
    public static boolean named(Descriptor d) {
        return d.platform() != null && !d.platform().os().equals("unknown") && !d.platform().os().isEmpty();
    }

    /**
     * Flattens nested indexes into their manifests; entries of other types (signatures, SBOMs) are skipped. Depth
     * is capped, and so is the number of entries visited, a nested index counting again each time it is listed:
     * a small layout listing one index a hundred times at each of four levels would otherwise be a hundred million
     * visits. Each nested index blob is read and parsed once.
     */
    private static final class Walk {
        private final BlobStore store;
        private final Limits limits;
        private final Map<String, Index> parsed = new HashMap<>();
        private long visited;

        Walk(BlobStore store, Limits limits) {
            this.store = store;
            this.limits = limits;
        }

        void collect(Index index, List<Descriptor> out, int depth, String refName) {
            for (Descriptor d : index.manifests()) {
                limits.checkDescriptors(++visited, store.describe() + ": index.json");
                if (MediaType.isManifest(d.mediaType())) {
                    if (refName != null && d.annotation(REF_NAME) == null) {
                        var ann = new java.util.TreeMap<>(d.annotations());
                        ann.put(REF_NAME, refName);
                        d = new Descriptor(d.mediaType(), d.digest(), d.size(), d.platform(), ann);
                    }
                    out.add(d);
                } else if (MediaType.isIndex(d.mediaType())) {
                    if (depth >= MAX_INDEX_DEPTH) {
                        throw new InvalidInputException(store.describe(), "indexes nested deeper than "
                                + MAX_INDEX_DEPTH);
                    }
                    // Keyed with the size too: a descriptor that misstates it is checked, not served from here.
                    String key = d.digest() + " " + d.size();
                    Index child = parsed.get(key);
                    if (child == null) {
                        child = Index.parse(store.readVerified(blobName(d.digest()), d, limits.maxJsonBytes()),
                                store.describe() + ": index " + d.digest());
                        parsed.put(key, child);
                    }
                    collect(child, out, depth + 1, d.annotation(REF_NAME) != null ? d.annotation(REF_NAME) : refName);
                } else if (d.mediaType().isEmpty()) {
                    throw new InvalidInputException(store.describe(), "index entry " + d.digest()
                            + " has no media type");
                }
            }
        }
    }
}
