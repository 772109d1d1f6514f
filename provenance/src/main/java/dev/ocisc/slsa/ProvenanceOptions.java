package dev.ocisc.slsa;

import java.time.Instant;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * What the user decides about a provenance statement, beyond what the store says.
 *
 * @param recursive      the whole build closure as resolvedDependencies, not only the direct inputs
 * @param parameters     extra externalParameters ({@code -P key=value})
 * @param builderVersion versions of the generator, e.g. {@code ocisc -> 0.1.0}
 * @param finishedOn     null: the latest registration time of the target's outputs in the store
 */
public record ProvenanceOptions(
        boolean recursive,
        String builderId,
        String buildType,
        SortedMap<String, String> parameters,
        SortedMap<String, String> builderVersion,
        String invocationId,
        Instant startedOn,
        Instant finishedOn) {

    /** ocisc's build type for Nix derivations, documented in docs/buildtypes/nix-v1.md. */
    public static final String NIX_BUILD_TYPE = "https://ocisc.dev/buildtypes/nix/v1";
    /** Read when no builder id is given; CI systems set it to their own id (docs/buildtypes/nix-v1.md). */
    public static final String BUILDER_ID_ENV = "OCISC_BUILDER_ID";
    public static final String LOCAL_BUILDER = "https://ocisc.dev/builders/local/v1";
    public static final String CI_BUILDER = "https://ocisc.dev/builders/ci/v1";

    public ProvenanceOptions {
        parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
        builderVersion = Collections.unmodifiableSortedMap(new TreeMap<>(builderVersion));
    }

    /**
     * The builder id when none is given: {@value #BUILDER_ID_ENV} from {@code environment}, else
     * {@value #CI_BUILDER} when {@code CI} is set (as CI systems set it), else {@value #LOCAL_BUILDER}.
     */
    public static String defaultBuilderId(UnaryOperator<String> environment) {
        String env = environment.apply(BUILDER_ID_ENV);
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        String ci = environment.apply("CI");
        return ci != null && !ci.isBlank() && !ci.equals("false") ? CI_BUILDER : LOCAL_BUILDER;
    }
}
