package dev.ocisc.graph;

/**
 * Whether something in a build graph also ends up in the run-time closure. It is known only when the outputs
 * concerned are valid in the store (their references are recorded); otherwise it is UNKNOWN, never guessed.
 */
public enum Usage {
    RUNTIME,
    BUILD_ONLY,
    UNKNOWN
}
