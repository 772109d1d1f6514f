package dev.ocisc.cli;

import dev.ocisc.failure.UsageException;
import dev.ocisc.oci.Platform;
import dev.ocisc.oci.ReadOptions;
import picocli.CommandLine.Option;

/** Options for commands that read OCI images: which platform of a multi-platform index. */
final class ImageOptions {
    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "Which image of a multi-platform index (default: this machine's).")
    String platform;

    ReadOptions readOptions() {
        ReadOptions o = ReadOptions.defaults();
        if (platform == null) {
            return o;
        }
        try {
            return o.withPlatform(Platform.parse(platform));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
