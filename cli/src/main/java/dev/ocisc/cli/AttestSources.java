package dev.ocisc.cli;

import dev.ocisc.failure.UsageException;
import dev.ocisc.target.Target;

/** Where the attestation commands find an image in a registry. */
final class AttestSources {
    private AttestSources() {
    }

    /** {@code arg} as an image in a registry; anything else is a usage error naming what it is. */
    static Target.Registry registry(String command, String arg) {
        Target t = Target.of(arg, null);
        if (t instanceof Target.Registry r) {
            return r;
        }
        throw new UsageException(command + " needs an image in a registry (REGISTRY/REPO:TAG or @sha256:HEX); "
                + arg + " is " + t.describe());
    }
}
