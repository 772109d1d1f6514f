package dev.ocisc.oci;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image in a registry, as the distribution specification names it: {@code REGISTRY/REPOSITORY[:TAG][@DIGEST]}.
 * The registry is always named (a host with a dot or a port, or {@code localhost}): ocisc assumes no default
 * registry, so a bare {@code name:tag} is never sent anywhere.
 *
 * @param registry   host and optional port, as given
 * @param repository the repository path, lower case components as the distribution spec allows
 * @param tag        the tag, or null when only a digest is given
 * @param digest     the manifest digest, or null when only a tag is given
 */
public record ImageReference(String registry, String repository, String tag, Digest digest)
        implements ImageLocation {
    private static final Pattern REPOSITORY = Pattern.compile(
            "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    private static final Pattern HOST = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
                    + "|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");

    /** The tag used when neither a tag nor a digest is given, as every registry client does. */
    public static final String DEFAULT_TAG = "latest";

    /**
     * Parses {@code s} as a registry reference, or returns empty when it is not one: no registry host before the
     * first slash, or a repository, tag or digest that the distribution specification would refuse.
     */
    public static Optional<ImageReference> parse(String s) {
        int slash = s.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String host = s.substring(0, slash);
        if (!HOST.matcher(host).matches() || !(host.contains(".") || host.contains(":") || host.equals("localhost"))) {
            return Optional.empty();
        }
        String rest = s.substring(slash + 1);
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            try {
                digest = Digest.parse(rest.substring(at + 1));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                return Optional.empty();
            }
        }
        if (!REPOSITORY.matcher(rest).matches()) {
            return Optional.empty();
        }
        if (tag == null && digest == null) {
            tag = DEFAULT_TAG;
        }
        return Optional.of(new ImageReference(host, rest, tag, digest));
    }

    /** What the manifest is asked for by: the digest when there is one (it pins the content), else the tag. */
    public String manifestReference() {
        return digest != null ? digest.toString() : tag;
    }

    /** The host without the port. */
    public String host() {
        if (registry.startsWith("[")) {
            return registry.substring(0, registry.indexOf(']') + 1);
        }
        int colon = registry.indexOf(':');
        return colon < 0 ? registry : registry.substring(0, colon);
    }

    @Override
    public String toString() {
        return registry + "/" + repository + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
