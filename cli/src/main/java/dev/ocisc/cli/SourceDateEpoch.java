package dev.ocisc.cli;

import dev.ocisc.failure.UsageException;
import java.time.Instant;

/** The reproducible-builds convention for "the time of this build": seconds since the epoch, in the environment. */
final class SourceDateEpoch {
    private SourceDateEpoch() {
    }

    /** The time SOURCE_DATE_EPOCH gives, null when unset; a malformed value is a usage error. */
    static Instant fromEnvironment() {
        String v = System.getenv("SOURCE_DATE_EPOCH");
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            long s = Long.parseLong(v.strip());
            if (s < 0) {
                throw new NumberFormatException();
            }
            return Instant.ofEpochSecond(s);
        } catch (NumberFormatException e) {
            throw new UsageException("SOURCE_DATE_EPOCH must be a non-negative integer, got '" + v + "'");
        }
    }
}
