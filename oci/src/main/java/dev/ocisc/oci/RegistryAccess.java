package dev.ocisc.oci;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to reach registries: which hosts may be spoken to in plain HTTP, which certificates to trust beyond the
 * system's, and where credentials are.
 *
 * @param insecureHosts hosts ({@code HOST} or {@code HOST:PORT}) allowed in plain HTTP besides the loopback ones,
 *                      which Docker allows by default
 * @param caCertificates PEM files whose certificates are trusted besides the system trust store
 * @param environment    where {@code HOME}, {@code DOCKER_CONFIG} and {@code REGISTRY_AUTH_FILE} are read
 */
public record RegistryAccess(Set<String> insecureHosts, List<Path> caCertificates, Map<String, String> environment) {
    public RegistryAccess {
        insecureHosts = Set.copyOf(insecureHosts);
        caCertificates = List.copyOf(caCertificates);
        environment = Map.copyOf(environment);
    }

    public static RegistryAccess defaults() {
        return new RegistryAccess(Set.of(), List.of(), System.getenv());
    }

    /** Plain HTTP is allowed for the loopback hosts and those named with --insecure-registry. */
    public boolean plainHttpAllowed(ImageReference ref) {
        return plainHttpAllowed(ref.registry());
    }

    /** {@link #plainHttpAllowed(ImageReference)} for a {@code HOST[:PORT]} (a redirect's target, say). */
    public boolean plainHttpAllowed(String authority) {
        String host = authority.startsWith("[") ? authority.substring(0, authority.indexOf(']') + 1)
                : authority.contains(":") ? authority.substring(0, authority.indexOf(':')) : authority;
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")
                || insecureHosts.contains(authority) || insecureHosts.contains(host);
    }
}
