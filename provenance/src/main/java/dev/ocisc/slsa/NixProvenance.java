package dev.ocisc.slsa;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.failure.Rethrown;
import dev.ocisc.failure.UsageException;
import dev.ocisc.graph.FixedOutput;
import dev.ocisc.nix.BuildClosure;
import dev.ocisc.nix.Derivation;
import dev.ocisc.nix.DerivationOutput;
import dev.ocisc.nix.DerivationSource;
import dev.ocisc.nix.DrvName;
import dev.ocisc.nix.NixStore;
import dev.ocisc.nix.PathInfo;
import dev.ocisc.nix.StorePath;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * SLSA provenance of a Nix derivation, from what the store holds: the subjects are the derivation's outputs
 * (hashed from disk), the resolved dependencies its inputs (docs/buildtypes/nix-v1.md says what each field
 * holds). Only store targets work: a result link, an output path or a {@code .drv}, since subjects must be
 * hashed from their bytes.
 */
public final class NixProvenance {
    /** Digest key of a NAR hash: SHA-256 of {@code nix-store --dump PATH}, never under {@code sha256}. */
    public static final String NAR_SHA256 = "nixNarSha256";

    /**
     * The order of resolvedDependencies: by URI, then (for the outputs of floating content-addressed derivations,
     * which have no path before they are built, and come last) by derivation and output. Total, so the order
     * in which the closure was collected does not show.
     */
    private static final Comparator<ResourceDescriptor> ORDER = Comparator
            .comparing(ResourceDescriptor::uri, Comparator.nullsLast(Comparator.<String>naturalOrder()))
            .thenComparing(r -> String.valueOf(r.annotations().get("derivation")))
            .thenComparing(r -> String.valueOf(r.annotations().get("output")));

    private final NixStore store;
    private final Path storeRoot;

    public NixProvenance(Path storeRoot) {
        this.storeRoot = storeRoot;
        this.store = NixStore.open(storeRoot);
    }

    public Statement statement(String target, ProvenanceOptions options) {
        String drvPath = TargetDerivation.resolve(target, storeRoot, store);
        Derivation drv = DerivationSource.require(store, drvPath, drvPath);
        List<PathInfo> outputs = new ArrayList<>();
        long latest = 0;
        for (DerivationOutput o : drv.outputs().values()) {
            PathInfo info = builtOutput(drvPath, o);
            outputs.add(info);
            latest = Math.max(latest, info.registrationTime());
        }
        // The outputs are hashed on a thread of their own while the dependencies are read: a Nix-built image
        // is hundreds of megabytes, and the two need nothing from each other. A hashing failure is reported
        // before any failure reading the dependencies, as when one followed the other.
        CompletableFuture<List<Subject>> hashing = CompletableFuture.supplyAsync(
                () -> outputs.stream().map(this::subject).toList(), r -> new Thread(r, "ocisc-subjects").start());
        List<ResourceDescriptor> deps;
        try {
            deps = options.recursive() ? closure(drv) : direct(drv);
        } catch (RuntimeException e) {
            Rethrown.join(hashing);
            throw e;
        }
        List<Subject> subjects = Rethrown.join(hashing);

        SortedMap<String, String> external = new TreeMap<>(options.parameters());
        if (external.containsKey("derivation")) {
            throw new UsageException("externalParameters.derivation is set from the target; "
                    + "it cannot be given with -P");
        }
        external.put("derivation", drvPath);
        SortedMap<String, String> internal = new TreeMap<>();
        internal.put("system", drv.system());
        internal.put("builder", drv.builder());
        Instant finished = options.finishedOn() != null ? options.finishedOn()
                : latest > 0 ? Instant.ofEpochSecond(latest) : null;
        Provenance p = new Provenance(options.buildType(), external, internal, deps, options.builderId(),
                options.builderVersion(), options.invocationId(), options.startedOn(), finished);
        return new Statement(subjects, p);
    }

    private PathInfo builtOutput(String drvPath, DerivationOutput o) {
        if (o.path().isEmpty()) {
            throw new InvalidInputException(drvPath, "output '" + o.name() + "' is content-addressed and has no "
                    + "known path; give its output path instead");
        }
        return store.get(o.path()).orElseThrow(() -> new InvalidInputException(drvPath, "output '" + o.name()
                + "' (" + o.path() + ") is not built in the store; build it first"));
    }

    /** An output as a subject: its name, the digests of its bytes, and its NAR hash under its own key. */
    private Subject subject(PathInfo info) {
        SortedMap<String, String> digest = new TreeMap<>(ArtifactDigest.of(store.physical(info.path())));
        if (info.narSha256() != null) {
            digest.put(NAR_SHA256, info.narSha256());
        }
        return new Subject(info.path(), digest);
    }

    /** The target's own inputs: the outputs it uses of its input derivations, and its input sources. */
    private List<ResourceDescriptor> direct(Derivation drv) {
        store.prefetch(drv.inputDrvs().keySet());
        List<String> wanted = new ArrayList<>(drv.inputSrcs());
        for (Map.Entry<String, SortedSet<String>> in : drv.inputDrvs().entrySet()) {
            Derivation d = DerivationSource.require(store, in.getKey(), drv.path());
            in.getValue().stream().map(d.outputs()::get).filter(o -> o != null && !o.path().isEmpty())
                    .forEach(o -> wanted.add(o.path()));
        }
        store.warm(wanted);
        return descriptors(drv.inputDrvs(), drv.inputSrcs(), input -> drv.path(), Map.of());
    }

    /**
     * The whole build closure: the used outputs of every derivation reachable through {@code inputDrvs}, and
     * every input source, the target excepted; {@code nix-store -qR TARGET.drv} in other words.
     */
    private List<ResourceDescriptor> closure(Derivation root) {
        List<String> roots = List.of(root.path());
        // Only the NAR hashes of the dependencies are recorded: one lean query, run while the .drv files are read.
        BuildClosure.Loaded<Map<String, String>> loaded = BuildClosure.load(store, roots,
                () -> store.buildClosureNarHashes(roots));
        // Hashed while collecting (an entry per edge), sorted once.
        Map<String, SortedSet<String>> used = new java.util.HashMap<>();
        Map<String, String> user = new java.util.HashMap<>();
        SortedSet<String> sources = new TreeSet<>();
        for (Derivation d : loaded.derivations().values()) {
            d.inputDrvs().forEach((input, outs) -> {
                used.computeIfAbsent(input, k -> new TreeSet<>()).addAll(outs);
                user.putIfAbsent(input, d.path());
            });
            sources.addAll(d.inputSrcs());
        }
        return descriptors(used, sources, user::get, loaded.facts());
    }

    /** The NAR hash of {@code path}: from {@code known} (a bulk answer) when it has it, else from the store. */
    private Optional<String> narHash(String path, Map<String, String> known) {
        String h = known.get(path);
        return h != null ? Optional.of(h) : store.get(path).map(PathInfo::narSha256);
    }

    /**
     * The used outputs of {@code used} and the sources, in {@link #ORDER}; {@code user} names who uses an input,
     * {@code narHashes} holds the NAR hashes already known.
     */
    private List<ResourceDescriptor> descriptors(Map<String, SortedSet<String>> used, SortedSet<String> sources,
            java.util.function.UnaryOperator<String> user, Map<String, String> narHashes) {
        List<ResourceDescriptor> deps = new ArrayList<>();
        for (Map.Entry<String, SortedSet<String>> u : used.entrySet()) {
            deps.addAll(outputs(u.getKey(), u.getValue(), user.apply(u.getKey()), narHashes));
        }
        for (String src : sources) {
            deps.add(source(src, narHashes));
        }
        deps.sort(ORDER);
        return deps;
    }

    private List<ResourceDescriptor> outputs(String drvPath, SortedSet<String> names, String neededBy,
            Map<String, String> narHashes) {
        Derivation d = DerivationSource.require(store, drvPath, neededBy);
        List<ResourceDescriptor> list = new ArrayList<>();
        for (String name : names) {
            DerivationOutput o = d.outputs().get(name);
            if (o == null) {
                throw new InvalidInputException(neededBy, "uses output '" + name + "' that " + drvPath
                        + " does not have");
            }
            list.add(output(d, o, narHashes));
        }
        return list;
    }

    private ResourceDescriptor output(Derivation d, DerivationOutput o, Map<String, String> narHashes) {
        DrvName dn = DrvName.ofOutput(StorePath.parse(o.path().isEmpty() ? d.path() : o.path()).packageName(),
                o.name());
        SortedMap<String, String> digest = new TreeMap<>();
        if (!o.path().isEmpty()) {
            narHash(o.path(), narHashes).ifPresent(h -> digest.put(NAR_SHA256, h));
        }
        SortedMap<String, Object> ann = new TreeMap<>();
        ann.put("kind", "output");
        ann.put("derivation", d.path());
        ann.put("output", o.name());
        putVersion(ann, dn);
        String download = null;
        Optional<FixedOutput> fixed = d.fixedOutput(o.name());
        if (fixed.isPresent()) {
            FixedOutput f = fixed.get();
            // A flat hash is over the file's bytes, which is what the plain algorithm keys mean; a recursive
            // one is over the NAR, so it gets the NAR key.
            String key = f.recursive() ? "nixNar" + capitalize(f.algorithm()) : f.algorithm();
            digest.putIfAbsent(key, f.hashHex());
            ann.put("outputHashMode", f.mode());
            if (!f.urls().isEmpty()) {
                download = f.urls().get(0);
                ann.put("urls", f.urls());
            }
        }
        return new ResourceDescriptor(o.path().isEmpty() ? null : o.path(), dn.name(), digest, download, ann);
    }

    private ResourceDescriptor source(String path, Map<String, String> narHashes) {
        DrvName dn = DrvName.parse(StorePath.parse(path).name());
        SortedMap<String, String> digest = new TreeMap<>();
        narHash(path, narHashes).ifPresent(h -> digest.put(NAR_SHA256, h));
        SortedMap<String, Object> ann = new TreeMap<>();
        ann.put("kind", "source");
        putVersion(ann, dn);
        return new ResourceDescriptor(path, dn.name(), digest, null, ann);
    }

    private static void putVersion(SortedMap<String, Object> ann, DrvName dn) {
        if (!dn.version().isEmpty()) {
            ann.put("version", dn.version());
        }
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
