package dev.ocisc.nix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.failure.ExternalToolException;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.json.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks the {@code nix} command when the store database cannot be read (a multi-user store whose database only
 * the daemon may open). The first question fetches the whole closure in one {@code path-info --recursive}
 * call; paths outside it cost one call each.
 */
public final class NixCli implements PathInfoSource {
    private final String storeUri;
    private final Map<String, Optional<PathInfo>> cache = new HashMap<>();

    /** @param storeUri a {@code --store} argument, or null for the default store */
    public NixCli(String storeUri) {
        this.storeUri = storeUri;
    }

    @Override
    public Optional<PathInfo> get(String path) {
        Optional<PathInfo> known = cache.get(path);
        if (known != null) {
            return known;
        }
        boolean first = cache.isEmpty();
        try {
            PathInfoJson infos = run(path, first);
            infos.all().forEach((p, info) -> cache.put(p, Optional.of(info)));
        } catch (PathNotValid e) {
            cache.put(path, Optional.empty());
        }
        return cache.computeIfAbsent(path, p -> Optional.empty());
    }

    private PathInfoJson run(String path, boolean recursive) {
        List<String> cmd = new ArrayList<>(List.of("nix", "--extra-experimental-features", "nix-command",
                "path-info", "--json", "--option", "substituters", ""));
        if (recursive) {
            cmd.add("--recursive");
        }
        if (storeUri != null) {
            cmd.add("--store");
            cmd.add(storeUri);
        }
        cmd.add(path);
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new ExternalToolException("cannot run nix (needed because the store database is unreadable): "
                    + e.getMessage());
        }
        try {
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int rc = p.waitFor();
            if (rc != 0) {
                if (err.contains("is not valid")) {
                    throw new PathNotValid();
                }
                throw new ExternalToolException("nix path-info failed (exit " + rc + "): " + firstLine(err));
            }
            String source = "nix path-info " + path;
            JsonNode json;
            try {
                json = StrictJson.parse(out, source);
            } catch (InvalidInputException e) {
                throw new ExternalToolException(e.getMessage()); // nix's output, not the user's input
            }
            return PathInfoJson.parse(source, json);
        } catch (IOException e) {
            throw new ExternalToolException("nix path-info: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExternalToolException("interrupted while running nix path-info");
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static final class PathNotValid extends RuntimeException {
        PathNotValid() {
            super(null, null, false, false);
        }
    }
}
