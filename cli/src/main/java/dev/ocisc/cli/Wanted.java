package dev.ocisc.cli;

import dev.ocisc.target.Target;

/**
 * The kinds of target a command reads. What a target is, {@link Target#of} decides for every command alike; a
 * command given another kind refuses it in one line that says what it is and what the command takes (exit 3).
 */
enum Wanted {
    /** sbom: a closure to list, from Nix or from what an image holds. */
    GRAPH_OR_IMAGE("a result link, store path, .drv, JSON graph or OCI image (local or in a registry)", ""),
    /** graph. */
    GRAPH("a result link, store path, .drv or JSON graph", "; use `ocisc sbom` or `ocisc layers` for images"),
    /** provenance: a build to describe. */
    BUILD("a result link, store path, .drv or JSON derivation graph",
            "; an image's provenance is that of the Nix build that made it: give that build's result link"),
    /** verify nix: what nix-build --check can rebuild. */
    NIX("a result link, store path or .drv", ""),
    /** layers, diff, verify image: an image on this machine or in a registry. */
    IMAGE("an OCI image (layout directory, oci-archive, docker-archive, Nix's .tar.gz) or a registry reference",
            "; use `ocisc sbom` or `ocisc graph` for Nix builds");

    private final String takes;
    /** Added when the target is what the hint is about: an image for the Nix commands, a Nix target for IMAGE. */
    private final String hint;

    Wanted(String takes, String hint) {
        this.takes = takes;
        this.hint = hint;
    }

    /** Returns {@code t} when {@code command} reads its kind, else throws the refusal. */
    Target check(String command, Target t) {
        boolean graph = t instanceof Target.Nix || t instanceof Target.Json;
        boolean ok = switch (this) {
            case GRAPH_OR_IMAGE -> graph || t instanceof Target.Image || t instanceof Target.Registry;
            case GRAPH, BUILD -> graph;
            case NIX -> t instanceof Target.Nix;
            case IMAGE -> t.imageLocation().isPresent();
        };
        if (!ok) {
            boolean hinted = this == IMAGE ? t instanceof Target.Nix : t.imageLocation().isPresent();
            throw t.refusal(command, takes + (hinted ? hint : ""));
        }
        return t;
    }

    /** Where the image {@code command} reads lives: on this machine or in a registry. */
    static dev.ocisc.oci.ImageLocation location(String command, Target t) {
        return IMAGE.check(command, t).imageLocation().orElseThrow();
    }
}
