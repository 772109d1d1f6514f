package dev.ocisc.slsa;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.failure.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/** The artifact an attestation must name as a subject, as a verifier is told it: the digest sets it is known by. */
public final class WantedArtifact {
    private WantedArtifact() {
    }

    /**
     * The digest sets of a file, directory or image ({@link ArtifactIdentity}). A link named on the command line
     * (Nix's ./result) stands for what it points to, as for sha256sum.
     */
    public static List<SortedMap<String, String>> at(Path path) {
        List<SortedMap<String, String>> sets = ArtifactIdentity.of(followed(path));
        if (sets.isEmpty()) {
            throw new InvalidInputException(path, "not a regular file or directory");
        }
        return sets;
    }

    /**
     * {@link #at(Path)}, or for an image in a registry ({@code REGISTRY/REPO:TAG}, {@code docker://REF}: what is not
     * a path here), the digest of its manifest, vouched for once every layer was read and verified, as for an
     * image on disk.
     */
    public static List<SortedMap<String, String>> at(String arg, dev.ocisc.oci.ReadOptions opts) {
        dev.ocisc.target.Target t = dev.ocisc.target.Target.of(arg, null);
        if (t instanceof dev.ocisc.target.Target.Registry r) {
            dev.ocisc.oci.Digest d = dev.ocisc.oci.ImageReader.manifestDigest(r.reference(), opts).orElseThrow();
            SortedMap<String, String> manifest = new TreeMap<>();
            manifest.put(d.algorithm(), d.hex());
            return List.of(manifest);
        }
        return at(Path.of(arg));
    }

    /**
     * The file or directory a path named on the command line stands for: a link (Nix's ./result) for its target,
     * as for sha256sum, so that its bytes have a digest.
     */
    public static Path followed(Path path) {
        if (!Files.isSymbolicLink(path)) {
            return path;
        }
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new InvalidInputException(path, "a symlink to nothing readable: " + e.getMessage());
        }
    }

    /**
     * A digest given as {@code ALG:HEX} ({@code --digest}). Algorithm names are as the in-toto digest set spells
     * them (dirHash, nixNarSha256): not case-folded. A digest that can never match is a typo, not a verdict: an
     * algorithm subjects are not matched by, or a value of the wrong length.
     */
    public static List<SortedMap<String, String>> withDigest(String s) {
        int colon = s.indexOf(':');
        String hex = colon < 0 ? "" : s.substring(colon + 1).toLowerCase(Locale.ROOT);
        if (colon <= 0 || hex.isEmpty() || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new UsageException("--digest takes ALG:HEX (e.g. sha256:4e1f...), got '" + s + "'");
        }
        String alg = s.substring(0, colon);
        OptionalInt length = AttestationVerifier.hexLength(alg);
        if (length.isEmpty()) {
            throw new UsageException("--digest " + alg + " never matches a subject; use one of "
                    + String.join(", ", AttestationVerifier.algorithms()));
        }
        if (hex.length() != length.getAsInt()) {
            throw new UsageException("--digest " + alg + " takes " + length.getAsInt() + " hex digits, got "
                    + hex.length());
        }
        SortedMap<String, String> d = new TreeMap<>();
        d.put(alg, hex);
        return List.of(d);
    }
}
