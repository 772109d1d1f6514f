package dev.ocisc.cli;

import dev.ocisc.oci.Platform;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.oci.RegistryAccess;
import picocli.CommandLine.Option;

/** Options for commands that read OCI images: which platform of a multi-platform index, how to reach registries. */
final class ImageOptions {
    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "Which image of a multi-platform index (default: $OCISC_PLATFORM, else this machine's).")
    Platform platform;

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT][,HOST[:PORT]...]", split = ",",
            hideParamSyntax = true, description = "Allow plain HTTP to these registries (loopback hosts are allowed by "
                    + "default); repeatable. Default: $OCISC_INSECURE_REGISTRY (comma-separated).")
    java.util.List<String> insecureRegistries = new java.util.ArrayList<>();

    @Option(names = "--cacert", paramLabel = "FILE[,FILE...]", split = ",", hideParamSyntax = true,
            description = "PEM certificates to trust for registries besides the system's; repeatable. Default: "
                    + "$OCISC_CACERT (comma-separated).")
    java.util.List<java.nio.file.Path> caCertificates = new java.util.ArrayList<>();

    @Option(names = "--authfile", paramLabel = "FILE",
            description = "Registry credentials (containers-auth.json, as skopeo's --authfile); default: "
                    + "$OCISC_AUTHFILE, then REGISTRY_AUTH_FILE, then Docker's config.json.")
    java.nio.file.Path authFile;

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec command;

    @Option(names = "--no-cache", description = "Do not read or keep registry blobs in the blob cache "
            + "($XDG_CACHE_HOME/ocisc/blobs; also OCISC_NO_CACHE=1; size cap OCISC_CACHE_MAX, default 10G).")
    boolean noCache;

    ReadOptions readOptions() {
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        if (authFile != null) {
            // Named on the command line, so a missing file is a mistake, not "no credentials".
            if (!java.nio.file.Files.isRegularFile(authFile)) {
                throw new dev.ocisc.failure.InvalidInputException(authFile.toString(),
                        java.nio.file.Files.exists(authFile) ? "not a regular file (--authfile)"
                                : "no such file (--authfile)");
            }
            env.put("REGISTRY_AUTH_FILE", authFile.toString());
        }
        if (noCache) {
            env.put("OCISC_NO_CACHE", "1");
        }
        ReadOptions o = ReadOptions.defaults().withRegistry(new RegistryAccess(java.util.Set.copyOf(insecureRegistries),
                caCertificates, env)).withProgress(Main.progress(command));
        return platform == null ? o : o.withPlatform(platform);
    }
}
