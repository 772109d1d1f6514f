package dev.ocisc.sbom;

import dev.ocisc.graph.Edge;
import dev.ocisc.graph.EdgeKind;
import dev.ocisc.graph.FixedOutput;
import dev.ocisc.graph.Graph;
import dev.ocisc.graph.Node;
import dev.ocisc.graph.NodeKind;
import dev.ocisc.graph.Usage;
import dev.ocisc.nix.StorePath;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** Turns a Nix graph into a format-neutral {@link Sbom}: one component per store object, one edge per dependency. */
public final class GraphSbom {
    private final NixpkgsMeta meta;
    private final Instant created;
    private final String toolVersion;

    /**
     * @param created the document time (from SOURCE_DATE_EPOCH), or null to leave it out where the format
     *                allows
     */
    public GraphSbom(NixpkgsMeta meta, Instant created, String toolVersion) {
        this.meta = meta;
        this.created = created;
        this.toolVersion = toolVersion;
    }

    public Sbom build(Graph graph) {
        List<Component> components = new ArrayList<>();
        for (Node n : graph.nodes().values()) {
            components.add(component(n, graph));
        }
        List<Relationship> rels = new ArrayList<>();
        for (Edge e : graph.edges()) {
            boolean runtime = e.kind() == EdgeKind.RUNTIME || e.usage() == Usage.RUNTIME;
            rels.add(new Relationship(e.from(), e.to(),
                    runtime ? Relationship.Type.DEPENDS_ON : Relationship.Type.BUILD_DEPENDENCY));
        }
        Node root = graph.node(graph.roots().get(0));
        String name = root.version().isEmpty() ? root.name() : root.name() + "-" + root.version();
        String lifecycle = graph.mode() == Graph.Mode.BUILDTIME ? "build" : "operations";
        String serial = serial(name, lifecycle, graph.roots(), components, rels);
        return new Sbom(name, serial, created, graph.roots(), components, rels, lifecycle, toolVersion);
    }

    private Component component(Node n, Graph graph) {
        Optional<NixpkgsMeta.Entry> m = meta.lookup(n);
        boolean isRoot = graph.roots().contains(n.path());
        FixedOutput fixed = n.fixedOutput();
        Component.Type type = isRoot ? Component.Type.APPLICATION
                : n.kind() == NodeKind.SOURCE || fixed != null ? Component.Type.FILE : Component.Type.LIBRARY;

        Map<String, String> q = new LinkedHashMap<>();
        if (n.kind() == NodeKind.DERIVATION) {
            q.put("drvpath", n.path());
        } else {
            q.put("output", n.output());
            q.put("outputhash", StorePath.parse(n.path()).hashPart());
        }
        String purl = Purl.of("nix", null, n.name(), n.version(), q);
        String cpe = m.map(NixpkgsMeta.Entry::cpe).orElse(null);
        if (cpe == null && n.kind() != NodeKind.SOURCE) {
            cpe = Cpe.application(null, n.name(), n.version());
        }

        TreeMap<String, String> props = new TreeMap<>();
        props.put("nix:kind", n.kind().name().toLowerCase(Locale.ROOT));
        if (n.kind() == NodeKind.DERIVATION) {
            props.put("nix:drv_path", n.path());
        } else {
            props.put("nix:output_path", n.path());
            if (n.deriver() != null) {
                props.put("nix:drv_path", n.deriver());
            }
        }
        if (n.output() != null) {
            props.put("nix:output", n.output());
        }
        if (n.narSize() >= 0) {
            props.put("nix:nar_size", Long.toString(n.narSize()));
        }
        String sourceInfo = null;
        Component.Hash downloadHash = null;
        if (fixed != null) {
            // A flat hash is the downloaded file's own digest; a recursive one is over a NAR, not the download.
            downloadHash = fixed.recursive() ? null : Component.Hash.ofNix(fixed.algorithm(), fixed.hashHex());
            props.put("nix:fod_hash", fixed.algorithm() + ":" + fixed.hashHex());
            props.put("nix:fod_mode", fixed.mode());
            sourceInfo = "fixed-output derivation, declared " + fixed.algorithm() + " (" + fixed.mode() + ") "
                    + fixed.hashHex() + (fixed.urls().isEmpty() ? "" : ", from " + String.join(" ", fixed.urls()));
        }
        Boolean buildOnly = null;
        if (graph.mode() == Graph.Mode.BUILDTIME) {
            props.put("nix:usage", n.usage().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            buildOnly = n.usage() == Usage.UNKNOWN ? null : n.usage() == Usage.BUILD_ONLY;
        }
        return new Component(n.path(), type, n.name(), n.version(), purl, cpe, n.narSha256(),
                m.map(NixpkgsMeta.Entry::license).orElse(null),
                m.map(NixpkgsMeta.Entry::description).orElse(null),
                m.map(NixpkgsMeta.Entry::homepage).orElse(null),
                fixed == null ? List.of() : fixed.urls(), downloadHash, sourceInfo, buildOnly, props);
    }

    /**
     * A UUID derived from the content, so the same graph always gets the same serial number: SHA-256 over the
     * identifying fields of every component and edge, in document order.
     */
    static String serial(String name, String lifecycle, List<String> roots, List<Component> components,
            List<Relationship> rels) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            java.util.function.Consumer<String> add = v -> {
                md.update(String.valueOf(v).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            };
            add.accept(name);
            add.accept(lifecycle);
            roots.forEach(add);
            for (Component c : components) {
                add.accept(c.ref());
                add.accept(c.sha256());
                add.accept(c.purl());
                add.accept(c.license() == null ? null : c.license().expression());
                add.accept(String.valueOf(c.buildOnly()));
            }
            for (Relationship r : rels) {
                add.accept(r.from());
                add.accept(r.to());
                add.accept(r.type().name());
            }
            byte[] h = md.digest();
            h[6] = (byte) ((h[6] & 0x0f) | 0x80); // version 8: custom, name-based
            h[8] = (byte) ((h[8] & 0x3f) | 0x80); // RFC 4122 variant
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (h[i] & 0xff);
                lo = (lo << 8) | (h[8 + i] & 0xff);
            }
            return new UUID(hi, lo).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
