package dev.ocisc.sbom;

import dev.ocisc.graph.Edge;
import dev.ocisc.graph.EdgeKind;
import dev.ocisc.graph.FixedOutput;
import dev.ocisc.graph.Graph;
import dev.ocisc.graph.Node;
import dev.ocisc.graph.NodeKind;
import dev.ocisc.graph.Usage;
import dev.ocisc.nix.StorePath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
        // Each component is made from its node alone: on all cores, in node order.
        List<Component> components = graph.nodes().values().parallelStream().map(n -> component(n, graph)).toList();
        List<Relationship> rels = new ArrayList<>();
        for (Edge e : graph.edges()) {
            boolean runtime = e.kind() == EdgeKind.RUNTIME || e.usage() == Usage.RUNTIME;
            rels.add(new Relationship(e.from(), e.to(),
                    runtime ? Relationship.Type.DEPENDS_ON : Relationship.Type.BUILD_DEPENDENCY));
        }
        Node root = graph.node(graph.roots().get(0));
        String name = root.version().isEmpty() ? root.name() : root.name() + "-" + root.version();
        String lifecycle = graph.mode() == Graph.Mode.BUILDTIME ? "build" : "operations";
        ContentId id = ContentId.builder().add(name).add(lifecycle).add(graph.roots());
        for (Component c : components) {
            id.add(c.ref()).add(c.sha256()).add(c.purl()).add(c.license() == null ? null : c.license().expression())
                    .add(c.buildOnly());
        }
        for (Relationship r : rels) {
            id.add(r.from()).add(r.to()).add(r.type());
        }
        String serial = id.uuid();
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
}
