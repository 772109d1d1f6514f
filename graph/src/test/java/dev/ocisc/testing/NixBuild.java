package dev.ocisc.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the suite's own Nix derivations with options that work on a brand-new Debian machine with
 * {@code nix-bin}: no {@code nixbld} group (Nix would refuse to start a build), no network and no binary cache
 * (Nix would retry an unreachable cache for seconds), no sandbox (it needs the group and namespaces).
 */
public final class NixBuild {
    /** As {@code --option NAME VALUE} pairs, in the order nix-build takes them. */
    public static final List<String> OPTIONS = List.of(
            "--option", "sandbox", "false",
            "--option", "build-users-group", "",
            "--option", "substituters", "");

    private NixBuild() {
    }

    /** The same options as ocisc's {@code --nix-option NAME=VALUE} takes them. */
    public static List<String> asOcisc() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < OPTIONS.size(); i += 3) {
            out.add("--nix-option");
            out.add(OPTIONS.get(i + 1) + "=" + OPTIONS.get(i + 2));
        }
        return out;
    }

    /** Builds {@code attr} of the Nix expression at {@code expr} (fails in CI when Nix is missing); its out path. */
    public static String build(Path expr, String attr) {
        Tools.require("nix-build");
        List<String> cmd = new ArrayList<>(List.of("nix-build", "--no-out-link"));
        cmd.addAll(OPTIONS);
        cmd.addAll(List.of(expr.toString(), "-A", attr));
        Tools.Result r = Tools.run(null, cmd);
        if (r.exitCode() != 0) {
            throw new AssertionError("nix-build " + expr + " -A " + attr + " exited " + r.exitCode() + ": " + r.stderr());
        }
        return r.stdout().strip();
    }
}
