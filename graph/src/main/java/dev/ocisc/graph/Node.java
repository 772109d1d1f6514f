package dev.ocisc.graph;

import java.util.Optional;

/**
 * One store object in a graph.
 *
 * @param path        the store path; also the node's identity
 * @param name        package name by Nix's {@code parseDrvName}, output suffix removed
 * @param version     version by {@code parseDrvName}, empty when there is none
 * @param kind        derivation, output or source
 * @param output      the output name ({@code out}, {@code dev}, ...) for outputs, else null
 * @param deriver     the {@code .drv} that produced an output, else null
 * @param narSha256   hex SHA-256 of the NAR serialisation, null when the store does not know the path
 * @param narSize     size of the NAR serialisation in bytes, -1 when unknown
 * @param fixedOutput declared hash and URLs when the node is (or was made by) a fixed-output derivation
 * @param usage       in a build graph, whether the node is also in the target's run-time closure
 */
public record Node(
        String path,
        String name,
        String version,
        NodeKind kind,
        String output,
        String deriver,
        String narSha256,
        long narSize,
        FixedOutput fixedOutput,
        Usage usage) {

    public Optional<String> narHash() {
        return Optional.ofNullable(narSha256);
    }

    /** The base name of the store path: {@code <hash>-<name>}. */
    public String baseName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public Node withUsage(Usage newUsage) {
        return new Node(path, name, version, kind, output, deriver, narSha256, narSize, fixedOutput, newUsage);
    }
}
