package dev.ocisc.cli;

import dev.ocisc.dsse.KeyFiles;
import dev.ocisc.dsse.SigningKey;
import dev.ocisc.failure.ExitCode;
import dev.ocisc.failure.Rethrown;
import dev.ocisc.failure.UsageException;
import dev.ocisc.slsa.ArtifactProvenance;
import dev.ocisc.slsa.NixProvenance;
import dev.ocisc.slsa.ProvenanceDocument;
import dev.ocisc.slsa.ProvenanceOptions;
import dev.ocisc.slsa.Statement;
import dev.ocisc.target.Target;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "provenance", mixinStandardHelpOptions = true,
        description = "Write SLSA v1 provenance (an in-toto statement) for a Nix build, or with --artifact for "
                + "files another build made; sign it as a DSSE envelope or a Sigstore bundle.")
final class ProvenanceCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET",
            description = "A result link, an output path or a .drv.")
    String target;

    @Option(names = "--artifact", paramLabel = "FILE|IMAGE", description = "Instead of TARGET: a file (sha256), "
            + "directory (dirHash) or OCI image, on disk or in a registry (its manifest digest), that another build "
            + "made, a subject by its name; repeatable. Give the build's --build-type and its parameters with -P.")
    List<String> artifacts = new ArrayList<>();

    @picocli.CommandLine.Mixin
    ImageOptions image;

    @Option(names = "--store", paramLabel = "ROOT",
            description = "Read a relocated store (nix copy --to local?root=ROOT) instead of /nix/store. "
                    + "Default: $OCISC_STORE.")
    Path store;

    @Option(names = "--recursive", description = "The whole build closure as resolvedDependencies, "
            + "not only the target's direct inputs.")
    boolean recursive;

    @Option(names = "--builder-id", paramLabel = "URI", description = "runDetails.builder.id; default $"
            + ProvenanceOptions.BUILDER_ID_ENV + ", else " + ProvenanceOptions.CI_BUILDER + " when $CI is set, else "
            + ProvenanceOptions.LOCAL_BUILDER + ".")
    String builderId;

    @Option(names = "--build-type", paramLabel = "URI", description = "buildDefinition.buildType; default "
            + ProvenanceOptions.NIX_BUILD_TYPE + " (required with --artifact).")
    String buildType;

    @Option(names = {"-P", "--parameter"}, paramLabel = "KEY=VALUE",
            description = "Add an externalParameter (e.g. -P expression=default.nix -P attribute=greeter).")
    List<String> parameters = new ArrayList<>();

    @Option(names = "--invocation-id", paramLabel = "ID", description = "runDetails.metadata.invocationId, "
            + "e.g. the CI job URL.")
    String invocationId;

    @Option(names = "--started-on", paramLabel = "TIME", description = "RFC 3339 time the build started.")
    String startedOn;

    @Option(names = "--finished-on", paramLabel = "TIME", description = "RFC 3339 time the build finished; "
            + "default $SOURCE_DATE_EPOCH, else the outputs' registration time in the store.")
    String finishedOn;

    @Option(names = "--sign", paramLabel = "KEY.pem", description = "Sign with this PKCS#8 private key (its "
            + "public key in it, as keygen and openssl write P-256 keys, or in KEY.pub beside it): a DSSE "
            + "envelope, one line (.intoto.jsonl).")
    Path signKey;

    @Option(names = "--bundle", description = "With --sign: a Sigstore bundle v0.3 instead of the bare envelope.")
    boolean bundle;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE|-", description = "Output file (default stdout; - is "
            + "stdout). The directory must exist.")
    Path output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (bundle && signKey == null) {
            throw new UsageException("--bundle needs --sign KEY.pem");
        }
        if ((target == null) == artifacts.isEmpty()) {
            throw new UsageException(target == null ? "give a TARGET (a Nix build) or --artifact FILE"
                    : "give either a TARGET (a Nix build) or --artifact FILE, not both");
        }
        // --store is not refused with --artifact: it may come from $OCISC_STORE, set for other commands.
        if (!artifacts.isEmpty() && (buildType == null || recursive)) {
            throw new UsageException(buildType == null ? "--artifact needs --build-type URI: what built it"
                    : "--recursive reads a Nix build, not --artifact files");
        }
        Path file = output == null || output.toString().equals(Outputs.STDOUT) ? null : output;
        if (file != null) {
            Outputs.requireDirectory(file);
        }
        // The key loads while the build graph is walked; its errors still come first.
        CompletableFuture<SigningKey> keyLoad = KeyFiles.readPrivateAhead(signKey);
        Instant finished = finishedOn != null ? time("--finished-on", finishedOn) : SourceDateEpoch.fromEnvironment();
        ProvenanceOptions options = new ProvenanceOptions(recursive,
                builderId != null ? builderId : ProvenanceOptions.defaultBuilderId(System::getenv),
                buildType != null ? buildType : ProvenanceOptions.NIX_BUILD_TYPE,
                parameters(), new TreeMap<>(java.util.Map.of("ocisc", Main.version())), invocationId,
                startedOn == null ? null : time("--started-on", startedOn), finished);
        Statement statement;
        try {
            if (target == null) {
                statement = ArtifactProvenance.statement(artifacts, image.readOptions(), options);
            } else {
                Wanted.BUILD.check("provenance", Target.of(target, store));
                statement = new NixProvenance(store).statement(target, options);
            }
        } catch (RuntimeException e) {
            Rethrown.join(keyLoad); // a bad key is reported before a bad target
            throw e;
        }
        ProvenanceDocument document = ProvenanceDocument.of(statement, Rethrown.join(keyLoad), bundle);
        if (file == null) {
            ReportOutput.print(document::writeTo, spec.commandLine().getOut());
        } else {
            AtomicOutput.write(file, document::writeTo);
            Main.of(spec).console().info("wrote " + file + " (" + document.summary() + ")");
        }
        return ExitCode.OK;
    }

    private SortedMap<String, String> parameters() {
        SortedMap<String, String> map = new TreeMap<>();
        for (String p : parameters) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("-P takes KEY=VALUE, got '" + p + "'");
            }
            if (map.put(p.substring(0, eq), p.substring(eq + 1)) != null) {
                throw new UsageException("-P " + p.substring(0, eq) + " given twice");
            }
        }
        return map;
    }

    private static Instant time(String option, String value) {
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageException(option + " takes an RFC 3339 time like 2024-05-01T12:00:00Z, got '"
                    + value + "'");
        }
    }
}
