package dev.ocisc.oci.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.json.StrictJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A user name and password for a registry, from the files podman, skopeo and Docker keep them in, first found
 * first: {@code REGISTRY_AUTH_FILE}, {@code $XDG_RUNTIME_DIR/containers/auth.json}, then Docker's
 * {@code config.json} ({@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}). Entries are
 * {@code "auths": {"HOST[:PORT]": {"auth": base64(user:password)}}}; a key may also be a URL, as old Docker wrote.
 */
record Credentials(String user, String password) {
    private static final long MAX_FILE_BYTES = 1L << 20;

    static Optional<Credentials> lookup(String registry, Map<String, String> env) {
        for (Path file : files(env)) {
            if (Files.isRegularFile(file)) {
                Optional<Credentials> c = read(file, registry);
                if (c.isPresent()) {
                    return c;
                }
            }
        }
        return Optional.empty();
    }

    private static List<Path> files(Map<String, String> env) {
        List<Path> files = new ArrayList<>();
        if (env.get("REGISTRY_AUTH_FILE") != null) {
            files.add(Path.of(env.get("REGISTRY_AUTH_FILE")));
        }
        if (env.get("XDG_RUNTIME_DIR") != null) {
            files.add(Path.of(env.get("XDG_RUNTIME_DIR"), "containers", "auth.json"));
        }
        if (env.get("DOCKER_CONFIG") != null) {
            files.add(Path.of(env.get("DOCKER_CONFIG"), "config.json"));
        } else if (env.get("HOME") != null) {
            files.add(Path.of(env.get("HOME"), ".docker", "config.json"));
        }
        return files;
    }

    static Optional<Credentials> read(Path file, String registry) {
        JsonNode auths = StrictJson.read(file, MAX_FILE_BYTES).path("auths");
        var fields = auths.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (!hostOf(e.getKey()).equals(registry)) {
                continue;
            }
            JsonNode entry = e.getValue();
            if (entry.hasNonNull("auth") && !entry.get("auth").asText().isEmpty()) {
                String decoded;
                try {
                    decoded = new String(Base64.getDecoder().decode(entry.get("auth").asText()),
                            StandardCharsets.UTF_8);
                } catch (IllegalArgumentException x) {
                    throw new InvalidInputException(file.toString(), "auths." + e.getKey() + ".auth is not base64");
                }
                int colon = decoded.indexOf(':');
                if (colon < 0) {
                    throw new InvalidInputException(file.toString(), "auths." + e.getKey()
                            + ".auth is not user:password");
                }
                return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
            }
            if (entry.hasNonNull("username") && entry.hasNonNull("password")) {
                return Optional.of(new Credentials(entry.get("username").asText(), entry.get("password").asText()));
            }
        }
        return Optional.empty();
    }

    /** {@code https://host:port/v1/} as old Docker wrote it, or a plain {@code host:port}. */
    private static String hostOf(String key) {
        String k = key.replaceFirst("^[a-z]+://", "");
        int slash = k.indexOf('/');
        return slash < 0 ? k : k.substring(0, slash);
    }

    String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[" + user + ", ***]";
    }
}
