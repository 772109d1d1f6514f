package dev.ocisc.oci.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.json.StrictJson;
import java.io.IOException;
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
 * {@code config.json} ({@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}). In a file, a
 * credential helper named for the registry ({@code "credHelpers": {"HOST": "NAME"}}) or for all
 * ({@code "credsStore": "NAME"}) is asked first: {@code docker-credential-NAME get} on {@code PATH}, the registry on
 * its stdin, {@code {"Username": …, "Secret": …}} on its stdout. Then entries
 * {@code "auths": {"HOST[:PORT]": {"auth": base64(user:password)}}}; a key may also be a URL, as old Docker wrote.
 *
 * @param identityToken whether {@code password} is an OAuth2 refresh token (a helper's {@code <token>} user, or an
 *                      {@code identitytoken} entry), traded at the token realm instead of sent as a password
 */
record Credentials(String user, String password, boolean identityToken) {
    private static final long MAX_FILE_BYTES = 1L << 20;
    private static final long MAX_HELPER_BYTES = 1L << 20;
    private static final long HELPER_SECONDS = 30;
    private static final String TOKEN_USER = "<token>";

    Credentials(String user, String password) {
        this(user, password, false);
    }

    static Optional<Credentials> lookup(String registry, Map<String, String> env) {
        for (Path file : files(env)) {
            if (Files.isRegularFile(file)) {
                Optional<Credentials> c = read(file, registry, env);
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

    static Optional<Credentials> read(Path file, String registry, Map<String, String> env) {
        JsonNode root = StrictJson.read(file, MAX_FILE_BYTES);
        String helper = null;
        var helpers = root.path("credHelpers").fields();
        while (helpers.hasNext() && helper == null) {
            var e = helpers.next();
            if (hostOf(e.getKey()).equals(registry)) {
                helper = e.getValue().asText();
            }
        }
        if (helper == null && root.hasNonNull("credsStore") && !root.get("credsStore").asText().isEmpty()) {
            helper = root.get("credsStore").asText();
        }
        if (helper != null) {
            Optional<Credentials> c = fromHelper(helper, registry, file, env);
            if (c.isPresent()) {
                return c;
            }
        }
        JsonNode auths = root.path("auths");
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
            if (entry.hasNonNull("identitytoken") && !entry.get("identitytoken").asText().isEmpty()) {
                return Optional.of(new Credentials(TOKEN_USER, entry.get("identitytoken").asText(), true));
            }
            if (entry.hasNonNull("username") && entry.hasNonNull("password")) {
                return Optional.of(new Credentials(entry.get("username").asText(), entry.get("password").asText()));
            }
        }
        return Optional.empty();
    }

    /**
     * Asks {@code docker-credential-NAME get} for the registry's credentials, as Docker does; a helper that has none
     * says "credentials not found" and exits non-zero, which is no error.
     */
    private static Optional<Credentials> fromHelper(String name, String registry, Path file, Map<String, String> env) {
        String program = "docker-credential-" + name;
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new InvalidInputException(file.toString(), "credential helper name '" + name + "' is not a name");
        }
        Path exe = onPath(program, env.get("PATH"));
        if (exe == null) {
            throw new InvalidInputException(file.toString(), "names the credential helper " + program
                    + ", which is not on PATH");
        }
        String what = file + ": " + program;
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(exe.toString(), "get").redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(env);
            p = pb.start();
        } catch (IOException e) {
            throw new InvalidInputException(what, "cannot run: " + e.getMessage());
        }
        byte[] out;
        try {
            try (var stdin = p.getOutputStream()) {
                stdin.write(registry.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // a helper that does not read its input answers (or fails) all the same
            }
            out = p.getInputStream().readNBytes((int) MAX_HELPER_BYTES + 1);
            if (!p.waitFor(HELPER_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new InvalidInputException(what, "no answer in " + HELPER_SECONDS + " s");
            }
        } catch (IOException e) {
            p.destroyForcibly();
            throw new InvalidInputException(what, "cannot read its answer: " + e.getMessage());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InvalidInputException(what, "interrupted");
        }
        String text = new String(out, StandardCharsets.UTF_8).strip();
        if (p.exitValue() != 0) {
            if (text.toLowerCase(java.util.Locale.ROOT).contains("credentials not found")) {
                return Optional.empty();
            }
            String first = text.isEmpty() ? "" : ": " + text.lines().findFirst().orElse("");
            throw new InvalidInputException(what, "failed for " + registry + " (exit " + p.exitValue() + ")"
                    + first);
        }
        if (out.length > MAX_HELPER_BYTES) {
            throw new InvalidInputException(what, "answer larger than " + MAX_HELPER_BYTES + " bytes");
        }
        JsonNode answer = StrictJson.parse(out, what);
        String user = answer.path("Username").asText("");
        String secret = answer.path("Secret").asText("");
        if (secret.isEmpty()) {
            throw new InvalidInputException(what, "answered without a Secret for " + registry);
        }
        return Optional.of(new Credentials(user, secret, user.equals(TOKEN_USER)));
    }

    private static Path onPath(String program, String path) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
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
        return "Credentials[" + user + ", ***" + (identityToken ? ", identity token" : "") + "]";
    }
}
