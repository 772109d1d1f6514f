package dev.ocisc.graph;

/** Why one store object depends on another. */
public enum EdgeKind {
    /** A store reference: the referrer's bytes contain the other path, so it is needed at run time. */
    RUNTIME,
    /** A build input: an input derivation (with the outputs used) or an input source of a derivation. */
    BUILD
}
