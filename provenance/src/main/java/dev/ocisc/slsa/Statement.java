package dev.ocisc.slsa;

import java.util.List;

/** An in-toto Statement v1 whose predicate is SLSA provenance v1. */
public record Statement(List<Subject> subjects, Provenance predicate) {
    public static final String TYPE = "https://in-toto.io/Statement/v1";

    public Statement {
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("a statement needs at least one subject");
        }
        subjects = List.copyOf(subjects);
    }
}
